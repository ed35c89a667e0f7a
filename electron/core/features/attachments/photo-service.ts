/**
 * Everything photos need on this laptop, built once by the composition root:
 * the blob folder, the upload queue, the store settings and connection, the
 * uploader and the on-demand downloads with their ahead-of-time fetching.
 */
import path from 'node:path';
import type { ChildRunner } from '../../db/child-runner.js';
import type { Db } from '../../db/database.js';
import { BLOB_DIR, BlobStore } from '../../blobs/blob-store.js';
import { CaptureSettingsStore } from '../../blobs/capture-settings.js';
import { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from '../../blobs/image-capture.js';
import { ObjectStoreSettingsStore, type ObjectStoreConfig } from '../../blobs/object-store-settings.js';
import { DEFAULT_CACHE_MAX_BYTES, Originals } from '../../blobs/originals.js';
import { StoreConnection } from '../../blobs/store-connection.js';
import { UploadQueue } from '../../blobs/upload-queue.js';
import { Uploader } from '../../blobs/uploader.js';
import type { SecretBox } from '../../settings/secret-box.js';
import { hashesForMyJobs } from './attachment-queries.js';
import { attachmentReader, type AttachmentReader } from './attachment-reader.js';

export interface PhotoOptions {
  /** The store used while Settings name none (the local one `npm start` runs). */
  defaultObjectStore?: ObjectStoreConfig | null;
  limits?: Partial<CaptureLimits>;
  /** Cap of the local originals folder (default 2 GB); photos waiting for upload are kept beyond it. */
  cacheMaxBytes?: number;
  uploadBackoff?: { baseMs: number; maxMs: number };
  uploadConcurrency?: number;
  /** Runs the image decoder's process (Electron: utilityProcess); plain `node` when omitted. */
  runChild?: ChildRunner;
}

/** How many originals of my jobs are fetched ahead, newest first. */
const PREFETCH_LIMIT = 200;
const PREFETCH_EVERY_MS = 60_000;

export class PhotoService {
  readonly blobs: BlobStore;
  /** "Keep location", remembered per workspace on this laptop. */
  readonly capture: CaptureSettingsStore;
  readonly queue: UploadQueue;
  readonly storeSettings: ObjectStoreSettingsStore;
  readonly store: StoreConnection;
  readonly uploader: Uploader;
  readonly originals: Originals;
  readonly limits: CaptureLimits;
  readonly runChild: ChildRunner | undefined;
  private prefetching: Promise<void> | null = null;
  private prefetchTimer: NodeJS.Timeout | null = null;

  constructor(
    dataDir: string,
    workspaceDir: string,
    secrets: SecretBox,
    private readonly db: Db,
    private readonly deviceId: string,
    /** Opened first (`UploadQueue.inWorkspace`): its start-up fsync runs off the event loop. */
    queue: UploadQueue,
    options: PhotoOptions = {},
    logProblem: (message: string, error: unknown) => void = () => undefined,
  ) {
    this.blobs = new BlobStore(path.join(workspaceDir, BLOB_DIR));
    this.capture = new CaptureSettingsStore(workspaceDir);
    this.queue = queue;
    this.storeSettings = new ObjectStoreSettingsStore(dataDir, secrets, options.defaultObjectStore ?? null);
    this.store = new StoreConnection(() => this.storeSettings.config());
    this.uploader = new Uploader({
      queue: this.queue,
      blobs: this.blobs,
      store: this.store,
      backoff: options.uploadBackoff,
      concurrency: options.uploadConcurrency,
      logProblem,
    });
    this.originals = new Originals(this.blobs, this.queue, this.store, options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES);
    this.limits = { ...DEFAULT_CAPTURE_LIMITS, ...options.limits };
    this.runChild = options.runChild;
  }

  /** Attachments with their image bytes, for reports (see attachment-reader.ts). */
  reader(): AttachmentReader {
    return attachmentReader(this.db, this.originals);
  }

  start(): void {
    this.uploader.start();
    this.prefetchTimer = setInterval(() => void this.prefetch(), PREFETCH_EVERY_MS);
    this.prefetchTimer.unref();
    void this.prefetch();
  }

  /** Store settings changed: send what waits now, with the new store. */
  settingsChanged(): void {
    this.uploader.poke(true);
    void this.prefetch();
  }

  /**
   * Fetches the originals of my open jobs' photos that are not here yet, one
   * at a time; what fails (offline) is simply tried at the next round.
   */
  prefetch(): Promise<void> {
    if (this.prefetching) return this.prefetching;
    this.prefetching = (async () => {
      try {
        if (this.store.get() === null) return;
        for (const hash of await hashesForMyJobs(this.db, this.deviceId, PREFETCH_LIMIT)) {
          if (this.originals.has(hash)) continue;
          const result = await this.originals.get(hash);
          if ('missing' in result && /cannot be reached/.test(result.missing)) return;
        }
      } catch {
        // Best effort: opening a photo fetches it anyway.
      } finally {
        this.prefetching = null;
      }
    })();
    return this.prefetching;
  }

  private closing: Promise<void> | null = null;

  /** Idempotent: the core may be closed twice (tests, quit paths). */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    if (this.prefetchTimer) clearInterval(this.prefetchTimer);
    await this.uploader.stop();
    await this.prefetching;
    this.queue.close();
    this.store.close();
  }
}
