/**
 * Merges the features' handlers into one table and dispatches calls through
 * the contract: unknown names, malformed input and thrown errors all come back
 * as `{ok:false,error:{code,message}}`, never as an exception.
 */
import type { z } from 'zod';
import { contract, HANDLER_NAMES, isHandlerName, type HandlerName } from '../../../shared/contract/index.js';
import { plainIssues, technicalIssues } from '../../../shared/contract/plain-words.js';
import { AppError, type ErrorInfo, type Result } from '../../../shared/errors.js';
import type { FeatureHandlers, Handler, HandlerTable } from './handlers.js';

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchHooks {
  /** Called with unexpected errors (not AppError): log them; the caller gets a generic message. */
  onInternalError?: (name: string, error: unknown) => void;
  /** Turns an unexpected error the app does understand (a damaged file) into an answer in plain words. */
  explain?: (error: unknown) => AppError | null;
}

export function mergeHandlers(...features: FeatureHandlers[]): HandlerTable {
  const table: Partial<Record<HandlerName, unknown>> = {};
  for (const feature of features) {
    for (const name of Object.keys(feature) as HandlerName[]) {
      if (!isHandlerName(name)) throw new Error(`handler "${name}" is not in the contract`);
      if (table[name]) throw new Error(`handler "${name}" is registered twice`);
      table[name] = feature[name];
    }
  }
  const missing = HANDLER_NAMES.filter((name) => !table[name]);
  if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  return table as HandlerTable;
}

/** INVALID_INPUT for a payload the schema refused: plain words to show, the path and zod's wording to log. */
export function invalidInput(name: HandlerName, issues: readonly z.core.$ZodIssue[], input: unknown): ErrorInfo {
  const feature = name.slice(0, name.indexOf('.'));
  const first = issues[0];
  return {
    code: 'INVALID_INPUT',
    message: plainIssues(issues, input, feature),
    ...(first && first.path.length > 0 ? { field: first.path.map(String).join('.') } : {}),
    detail: `${name}: ${technicalIssues(issues)}`.slice(0, 1000),
  };
}

export function createDispatch(table: HandlerTable, hooks: DispatchHooks = {}): Dispatch {
  return async (name, input) => {
    if (!isHandlerName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_HANDLER', message: `No handler named ${JSON.stringify(String(name).slice(0, 100))}` } };
    }
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: invalidInput(name, parsed.error.issues, input) };
    }
    try {
      const handler = table[name] as Handler<typeof name>;
      const value = await handler(parsed.data as never);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), detail: name } };
      }
      hooks.onInternalError?.(name, error);
      const explained = hooks.explain?.(error);
      if (explained) return { ok: false, error: { code: explained.code, message: explained.message, detail: name } };
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong inside Fieldbook; the error was logged. Try again.', detail: `${name} failed unexpectedly` },
      };
    }
  };
}
