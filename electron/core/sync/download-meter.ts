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
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => {
        this.received += chunk.byteLength;
        this.report(false);
        controller.enqueue(chunk);
      },
      flush: () => this.report(true),
    });
    return new Response(response.body.pipeThrough(counting), {
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
