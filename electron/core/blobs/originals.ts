/**
 * Originals on demand. A photo taken here is in the blob folder from the
 * start; one taken elsewhere is fetched from the object store when it is
 * opened (or ahead of time, for jobs assigned to me), checked against its
 * hash (a damaged or cut-off download is refused and fetched again), and kept
 * in the same folder. The folder is capped: the least recently used blobs go
 * first, but never one still waiting for upload, which exists nowhere else.
 */
import type { BlobStore } from './blob-store.js';
import { sha256Hex } from './blob-store.js';
import type { StoreConnection } from './store-connection.js';
import type { UploadQueue } from './upload-queue.js';

export const DEFAULT_CACHE_MAX_BYTES = 2 * 1024 * 1024 * 1024;
const DOWNLOAD_ATTEMPTS = 2;

export type OriginalResult = { bytes: Buffer } | { missing: string };

export class Originals {
  private readonly downloads = new Map<string, Promise<OriginalResult>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly queue: UploadQueue,
    private readonly store: StoreConnection,
    private readonly maxCacheBytes: number = DEFAULT_CACHE_MAX_BYTES,
  ) {}

  /** The original's bytes from this laptop, else from the store; `missing` says in plain words why not. */
  async get(sha256: string): Promise<OriginalResult> {
    const local = await this.blobs.read(sha256);
    if (local !== null) return { bytes: local };
    let download = this.downloads.get(sha256);
    if (!download) {
      download = this.download(sha256).finally(() => this.downloads.delete(sha256));
      this.downloads.set(sha256, download);
    }
    return download;
  }

  /** Bytes only if the original is already on this laptop (no network). */
  async local(sha256: string): Promise<Buffer | null> {
    return this.blobs.read(sha256);
  }

  has(sha256: string): boolean {
    return this.blobs.has(sha256);
  }

  /** Removes the least recently used blobs until the folder fits the cap; pending uploads are kept whatever their size. */
  async evict(): Promise<number> {
    const pinned = new Set(this.queue.pending());
    const entries = await this.blobs.list();
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    let removed = 0;
    for (const entry of entries.filter((e) => !pinned.has(e.hash)).sort((a, b) => a.usedAtMs - b.usedAtMs)) {
      if (total <= this.maxCacheBytes) break;
      await this.blobs.remove(entry.hash);
      total -= entry.size;
      removed += 1;
    }
    return removed;
  }

  private async download(sha256: string): Promise<OriginalResult> {
    const store = this.store.get();
    if (store === null) return { missing: 'The original is not on this laptop and no photo store is set up.' };
    for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt += 1) {
      let bytes: Buffer | null;
      try {
        bytes = await store.get(sha256);
      } catch {
        return { missing: 'The original is not on this laptop yet, and the photo store cannot be reached. The thumbnail is shown instead.' };
      }
      if (bytes === null) {
        return { missing: 'The original has not reached the photo store yet (the laptop that took it has not uploaded it). Try again later.' };
      }
      // A cut-off or damaged transfer: never keep it, ask once more.
      if (sha256Hex(bytes) !== sha256) continue;
      await this.blobs.put(bytes, sha256);
      await this.evict();
      return { bytes };
    }
    return { missing: 'The photo store returned a damaged copy of the original; it was not kept. Try again later.' };
  }
}
