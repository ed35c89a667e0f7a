/**
 * Counts the bytes the engine downloads (told by sync-traffic.ts), so a
 * large first download shows progress instead of a frozen "Receiving…".
 */
import type { DownloadProgress } from '../../../shared/domain/sync.js';

export class DownloadMeter {
  private receivedBytes = 0;
  private total: number | null = null;
  private listener: ((progress: DownloadProgress) => void) | null = null;
  private lastReport = 0;

  /** `reportEveryMs`: minimum time between progress reports, so the UI is not flooded. */
  constructor(private readonly reportEveryMs = 200) {}

  onProgress(listener: ((progress: DownloadProgress) => void) | null): void {
    this.listener = listener;
  }

  /** Start counting a new pull from zero. */
  reset(): void {
    this.receivedBytes = 0;
    this.total = null;
  }

  get progress(): DownloadProgress {
    return { receivedBytes: this.receivedBytes, totalBytes: this.total };
  }

  /** A response began (sync-traffic.ts): its announced length adds to the total. */
  responseStarted(contentLength: number | null): void {
    if (contentLength !== null) this.total = (this.total ?? 0) + contentLength;
  }

  received(bytes: number): void {
    this.receivedBytes += bytes;
    this.report(false);
  }

  responseEnded(): void {
    this.report(true);
  }

  private report(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastReport < this.reportEveryMs) return;
    this.lastReport = now;
    this.listener?.(this.progress);
  }
}
