/** Error codes every handler may answer with; the renderer maps them to plain words. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_HANDLER',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SCHEMA_TOO_NEW',
  'STORAGE_FAILED',
  'SYNC_FAILED',
  /** The OS can only store the token in plain text and the user has not agreed to that. */
  'TOKEN_STORAGE_INSECURE',
  /** Another Fieldbook process (app or browser host) has this workspace open. */
  'WORKSPACE_LOCKED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Plain words for the worker: which field, what is wrong. Never a handler name or a schema path. */
  message: string;
  /** For logs and tests: the first offending field's path, e.g. "items.1". */
  field?: string;
  /** For logs and tests: the handler and the schema's own wording. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Thrown by main-process code to answer with a specific code instead of INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
