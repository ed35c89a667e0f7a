/**
 * Row changes in one push request's body, counted on the bytes (no JSON parse):
 * the upload's progress, wherever the request runs (main, or the engine host).
 */
import { FILLER, ROWS_MARK } from '../engine-host/batched-insert.js';

const STEP = Buffer.from('"stmt":');
/** A statement that carries several new rows says how many at the end of its text (batched-insert.ts). */
const ROWS = Buffer.from(ROWS_MARK);
/** A row that a merged statement already carries but that may not be skipped sends a no-op step: not a row change of its own. */
const NO_OP = Buffer.from(`"sql":${JSON.stringify(FILLER.sql)}`);

/** A request body as bytes, or null for a body that is not bytes or text (none of the engine's). */
export function bodyBuffer(body: unknown): Buffer | null {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

/** Row changes in a pipeline body: its statements, plus the extra rows of merged ones, less the no-op steps. */
export function countStatements(body: Buffer): number {
  let count = 0;
  for (let at = body.indexOf(STEP); at !== -1; at = body.indexOf(STEP, at + STEP.length)) count += 1;
  for (let at = body.indexOf(ROWS); at !== -1; at = body.indexOf(ROWS, at + ROWS.length)) {
    const rows = Number.parseInt(body.subarray(at + ROWS.length, at + ROWS.length + 8).toString('latin1'), 10);
    if (rows > 1) count += rows - 1;
  }
  for (let at = body.indexOf(NO_OP); at !== -1; at = body.indexOf(NO_OP, at + NO_OP.length)) count -= 1;
  return count;
}
