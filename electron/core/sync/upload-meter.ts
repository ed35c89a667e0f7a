/**
 * Counts what a push has sent (told by sync-traffic.ts), so a large
 * first upload shows progress that moves instead of a frozen count. The engine
 * pushes in requests of about PUSH_OPERATIONS_PER_REQUEST row changes, each a
 * Hrana JSON batch with one step per statement; a request counts once the
 * primary has answered it.
 */
import type { UploadProgress } from '../../../shared/domain/sync.js';
import { PUSH_OPERATIONS_PER_REQUEST } from '../db/replica.js';

/** Pushes smaller than this take a few quick requests: no progress worth showing. */
export const UPLOAD_PROGRESS_MIN_CHANGES = 4 * PUSH_OPERATIONS_PER_REQUEST;

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

  /** A request was answered OK (sync-traffic.ts): its bytes and row changes count while a large push runs. */
  sent(bytes: number, changes: number): void {
    const active = this.active;
    if (!active) return;
    active.sentBytes += bytes;
    // The count includes a few framing steps per request (BEGIN, COMMIT, bookkeeping): never report past the total.
    active.sentChanges = Math.min(active.totalChanges, active.sentChanges + changes);
    this.listener?.(this.progress!);
  }
}
