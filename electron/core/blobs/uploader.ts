/**
 * Sends queued originals to the object store in the background, a few at a
 * time. Each upload first asks whether the store already has the hash (HEAD):
 * a retry after a crash, or the same photo added twice, never writes twice.
 * A failure waits a random delay between half and all of a ceiling that
 * doubles per attempt (1 s … 60 s) and is retried forever; the queue's file
 * keeps every state across restarts.
 */
import { backoffDelay } from '../sync/backoff.js';
import type { BlobStore } from './blob-store.js';
import { sniffImageType } from './image-sniff.js';
import { describeStoreError } from './object-store.js';
import type { StoreConnection } from './store-connection.js';
import type { UploadQueue } from './upload-queue.js';

export interface UploaderOptions {
  queue: UploadQueue;
  blobs: BlobStore;
  store: StoreConnection;
  concurrency?: number;
  backoff?: { baseMs: number; maxMs: number };
  logProblem?: (message: string, error: unknown) => void;
}

export class Uploader {
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly concurrency: number;
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(private readonly options: UploaderOptions) {
    this.concurrency = options.concurrency ?? 3;
    this.backoff = options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
  }

  start(): void {
    this.stopped = false;
    this.pump();
  }

  /** Something new to send, or the store may be back: look at the queue now. */
  poke(retryWaiting = false): void {
    if (retryWaiting) this.options.queue.retryAllNow();
    this.pump();
  }

  /** Resolves once nothing is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  private pump(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight.size < this.concurrency) {
      const next = this.options.queue.next(Date.now(), this.inFlight);
      if (next === null) return;
      if ('wakeAtMs' in next) {
        this.timer = setTimeout(() => this.pump(), Math.max(0, next.wakeAtMs - Date.now()));
        this.timer.unref();
        return;
      }
      this.inFlight.add(next.sha256);
      const run = this.upload(next.sha256).finally(() => {
        this.inFlight.delete(next.sha256);
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async upload(sha256: string): Promise<void> {
    const { queue, blobs } = this.options;
    const store = this.options.store.get();
    if (store === null) {
      queue.mark(sha256, 'waiting', {
        lastError: 'No photo store is set up: photos wait on this laptop (Settings → Photo storage).',
        retryAtMs: Date.now() + this.backoff.maxMs,
      });
      return;
    }
    queue.mark(sha256, 'uploading');
    try {
      const bytes = await blobs.read(sha256);
      if (bytes === null) {
        // Nothing to send can ever appear again on this laptop: say so, and keep it listed.
        queue.mark(sha256, 'failed', { lastError: 'The original is missing or damaged on this laptop; it cannot be uploaded.', retryAtMs: null });
        return;
      }
      // Already there whole (a retry after a crash, the same photo twice): nothing to send. A
      // store that kept a cut-off object from an interrupted upload gets the whole one again.
      if ((await store.size(sha256)) !== bytes.length) await store.put(sha256, bytes, sniffImageType(bytes) ?? 'application/octet-stream');
      queue.mark(sha256, 'uploaded');
    } catch (error) {
      const attempts = queue.get(sha256)?.attempts ?? 1;
      const delay = backoffDelay(attempts - 1, this.backoff);
      const reason = describeStoreError(error);
      queue.mark(sha256, /cannot be reached/.test(reason) ? 'waiting' : 'failed', { lastError: reason, retryAtMs: Date.now() + delay });
      this.options.logProblem?.('photo upload failed', error);
    }
  }
}
