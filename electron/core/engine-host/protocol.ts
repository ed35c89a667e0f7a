/**
 * Messages between main and the engine host process (engine-host-child.ts).
 * Every message is a plain object of structured-clone-safe values (strings,
 * numbers, bigint, Uint8Array, arrays, plain objects): Node's `fork` with
 * `serialization: 'advanced'` and Electron's utilityProcess both carry them as
 * they are, so rows and parameters need no encoding.
 *
 * Calls carry an `id`; the host answers each with one `reply`. Sync requests
 * the engine makes go the other way (`fetch`), so main's fetch wrapper (byte
 * meters, progress) sees every request; main answers with a head, body chunks
 * and an end, so a large download streams instead of being held whole, and
 * the host acknowledges what it has read so main never runs far ahead.
 */
import type { SqlValue } from '../db/database.js';

export interface RemoteSnapshot {
  url: string | null;
  authToken: string;
}

export interface OpenOptions {
  path: string;
  clientName?: string;
  pushOperationsThreshold?: number;
}

export type HostCall =
  | { op: 'open'; options: OpenOptions; remote: RemoteSnapshot }
  | { op: 'all' | 'get' | 'run'; sql: string; params: readonly SqlValue[] }
  | { op: 'exec'; sql: string }
  | { op: 'push' | 'pull' | 'stats' | 'checkpoint'; remote: RemoteSnapshot }
  | { op: 'close' };

export type HostCallOp = HostCall['op'];

/** What an `all` call answers: the column names once and each row as an array (cheaper to build and to send). */
export interface RawRows {
  columns: string[];
  rows: unknown[][];
}

/** The rows as objects, as the engine's own `all` gives them (a repeated name keeps its last column, as there). */
export function rowsFromRaw({ columns, rows }: RawRows): Record<string, unknown>[] {
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
    return row;
  });
}

export interface SerializedError {
  name: string;
  message: string;
  /** An AppError's code, so main can rethrow it as one. */
  code?: string;
}

export type ToHost =
  | ({ kind: 'call'; id: number } & HostCall)
  | { kind: 'fetch-head'; fetchId: number; status: number; statusText: string; headers: Record<string, string> }
  | { kind: 'fetch-chunk'; fetchId: number; chunk: Uint8Array }
  | { kind: 'fetch-end'; fetchId: number }
  | { kind: 'fetch-error'; fetchId: number; message: string };

export type FromHost =
  | { kind: 'ready'; pid: number }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: SerializedError }
  | { kind: 'fetch'; fetchId: number; url: string; method: string; headers: Record<string, string>; body: Uint8Array | null }
  /** The engine has read `consumed` bytes of that response's body in all: main may send more (fetch-window.ts). */
  | { kind: 'fetch-ack'; fetchId: number; consumed: number };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function isFromHost(value: unknown): value is FromHost {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}
