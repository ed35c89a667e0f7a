/**
 * Counts the bytes the engine downloads, through its `fetch` option, so a
 * large first download shows progress instead of a frozen "Receiving…".
 */
import type { DownloadProgress } from '../../../shared/domain/sync.js';

export class DownloadMeter {
  private received = 0;
  private total: number | null = null;
  private listener: ((progress: DownloadProgress) => void) | null = null;
  private lastReport = 0;

  constructor(
    private readonly inner: typeof fetch = globalThis.fetch,
    /** Minimum time between progress reports, so the UI is not flooded. */
    private readonly reportEveryMs = 200,
  ) {}

  onProgress(listener: ((progress: DownloadProgress) => void) | null): void {
    this.listener = listener;
  }

  /** Start counting a new pull from zero. */
  reset(): void {
    this.received = 0;
    this.total = null;
  }

  get progress(): DownloadProgress {
    return { receivedBytes: this.received, totalBytes: this.total };
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const response = await this.inner(input, init);
    if (!response.body) return response;
    const length = Number(response.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0) this.total = (this.total ?? 0) + length;
    // One pull-through stream, not a TransformStream: pipeThrough's writable side and pipe loop
    // cost a handful of promises and objects per chunk in main, for every sync request.
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await reader.read();
          if (done) {
            this.report(true);
            controller.close();
            return;
          }
          this.received += value.byteLength;
          this.report(false);
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  private report(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastReport < this.reportEveryMs) return;
    this.lastReport = now;
    this.listener?.(this.progress);
  }
}
