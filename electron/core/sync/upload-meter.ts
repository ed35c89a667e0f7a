/**
 * Counts what a push has sent, through the engine's `fetch` option, so a large
 * first upload shows progress that moves instead of a frozen count. The engine
 * pushes in requests of about PUSH_OPERATIONS_PER_REQUEST row changes, each a
 * Hrana JSON batch with one step per statement; a request counts once the
 * primary has answered it.
 */
import type { UploadProgress } from '../../../shared/domain/sync.js';
import { PUSH_OPERATIONS_PER_REQUEST } from '../db/replica.js';
import { FILLER, ROWS_MARK } from '../engine-host/batched-insert.js';

/** Pushes smaller than this take a few quick requests: no progress worth showing. */
export const UPLOAD_PROGRESS_MIN_CHANGES = 4 * PUSH_OPERATIONS_PER_REQUEST;

const STEP = Buffer.from('"stmt":');
/** A statement that carries several new rows says how many at the end of its text (batched-insert.ts). */
const ROWS = Buffer.from(ROWS_MARK);
/** A row that a merged statement already carries but that may not be skipped sends a no-op step: not a row change of its own. */
const NO_OP = Buffer.from(`"sql":${JSON.stringify(FILLER.sql)}`);

function bodyBuffer(body: unknown): Buffer | null {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

/** Row changes in a pipeline body: its statements, plus the extra rows of merged ones, less the no-op steps; counted on the bytes (no JSON parse on the main thread). */
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

export class UploadMeter {
  private active: UploadProgress | null = null;
  private listener: ((progress: UploadProgress) => void) | null = null;

  /** `unpushed` reads how many row changes the next push holds (cheap: the engine's own counter). */
  constructor(private readonly unpushed: () => Promise<number>) {}

  onProgress(listener: ((progress: UploadProgress) => void) | null): void {
    this.listener = listener;
  }

  get progress(): UploadProgress | null {
    return this.active ? { ...this.active } : null;
  }

  /** A push starts: count it when it is large enough to take several requests. */
  async begin(): Promise<void> {
    const total = await this.unpushed().catch(() => 0);
    this.active = total >= UPLOAD_PROGRESS_MIN_CHANGES ? { sentChanges: 0, totalChanges: total, sentBytes: 0 } : null;
    if (this.active) this.listener?.(this.progress!);
  }

  end(): void {
    this.active = null;
  }

  wrap(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await inner(input, init);
      const active = this.active;
      const body = active && response.ok ? bodyBuffer(init?.body) : null;
      if (active && body) {
        active.sentBytes += body.byteLength;
        // The count includes a few framing steps per request (BEGIN, COMMIT, bookkeeping): never report past the total.
        active.sentChanges = Math.min(active.totalChanges, active.sentChanges + countStatements(body));
        this.listener?.(this.progress!);
      }
      return response;
    };
  }
}
