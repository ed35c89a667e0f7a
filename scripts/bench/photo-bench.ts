/**
 * Photo cases: capture of a 12-megapixel photo to its thumbnail (through the
 * decoder's child process, as the app does, and the sharp pipeline alone),
 * upload throughput of many photos to a real local S3 store (s3rver) over
 * loopback with the resident memory while it runs, and the replica bytes each
 * photo costs (record, change-log row, thumbnail, after a checkpoint).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BlobStore } from '../../electron/core/blobs/blob-store.js';
import { decodePhoto, DEFAULT_CAPTURE_LIMITS } from '../../electron/core/blobs/image-capture.js';
import { processImage } from '../../electron/core/blobs/image-pipeline.js';
import { StoreConnection } from '../../electron/core/blobs/store-connection.js';
import { UploadQueue } from '../../electron/core/blobs/upload-queue.js';
import { Uploader } from '../../electron/core/blobs/uploader.js';
import { insertAttachment } from '../../electron/core/features/attachments/attachment-queries.js';
import { startLocalObjectStore } from '../lib/local-object-store.js';
import type { Job } from '../../shared/domain/jobs.js';
import { makePhoto } from './photo-data.js';
import type { Results } from './results.js';
import { openCore } from './workspace.js';

const MB = 1024 * 1024;

function replicaBytes(replicaPath: string): number {
  const dir = path.dirname(replicaPath);
  const base = path.basename(replicaPath);
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(base))
    .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

export async function benchPhotos(scratch: string, results: Results, quick: boolean): Promise<void> {
  const dir = path.join(scratch, 'photos');
  fs.mkdirSync(dir, { recursive: true });

  // Capture: 4000 × 3000, EXIF orientation 6, downscaled to 2048 and thumbnailed.
  const twelve = await makePhoto(4000, 3000, { orientation: 6, detail: true });
  const runs = quick ? 2 : 5;
  const inChild: number[] = [];
  const inProcess: number[] = [];
  let thumbnailBytes = 0;
  for (let i = 0; i < runs; i += 1) {
    let start = performance.now();
    const image = await decodePhoto(twelve, { limits: DEFAULT_CAPTURE_LIMITS, keepLocation: false });
    inChild.push(performance.now() - start);
    thumbnailBytes = image.thumbnail.length;
    start = performance.now();
    await processImage(twelve, 'image/jpeg', { maxSide: 2048, keepLocation: false });
    inProcess.push(performance.now() - start);
  }
  results.samples('photos.capture-12mp', 'local', 'capture of a 12-megapixel JPEG to stored original + thumbnail, decoder in its own process', 'app', 'ms', inChild, {
    inputBytes: twelve.length,
    thumbnailBytes,
  });
  results.samples('photos.capture-12mp.pipeline', 'local', 'the same, sharp pipeline alone (no process start)', 'engine', 'ms', inProcess);

  // Upload throughput and memory: N distinct originals of ~2048 px queued, then sent.
  const count = quick ? 20 : 100;
  const store = await startLocalObjectStore({ directory: path.join(dir, 's3') });
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  const queue = await UploadQueue.open(path.join(dir, 'uploads.local.jsonl'));
  let totalBytes = 0;
  const base = await processImage(await makePhoto(2048, 1536, { detail: true }), 'image/jpeg', { maxSide: 2048, keepLocation: false });
  for (let i = 0; i < count; i += 1) {
    // Distinct content per photo (a different trailing byte after the JPEG end marker), same size as a real original.
    const bytes = Buffer.concat([base.original, Buffer.from(String(i))]);
    const hash = await blobs.put(bytes);
    queue.enqueue(hash, bytes.length);
    totalBytes += bytes.length;
  }
  const connection = new StoreConnection(() => store.config);
  const uploader = new Uploader({ queue, blobs, store: connection });
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  const rssSamples: { done: number; rss: number }[] = [];
  const sampler = setInterval(() => rssSamples.push({ done: count - queue.waitingCount(), rss: process.memoryUsage().rss }), 25);
  const start = performance.now();
  uploader.start();
  while (queue.waitingCount() > 0) await new Promise((r) => setTimeout(r, 10));
  const elapsed = performance.now() - start;
  clearInterval(sampler);
  await uploader.stop();
  connection.close();
  queue.close();
  await store.stop();
  results.samples('photos.upload', 'sync', `upload of ${count} photos (${(totalBytes / MB).toFixed(1)} MB) to s3rver over loopback`, 'app', 'ms', [elapsed], {
    photos: count,
    photosPerSecond: Math.round((count / elapsed) * 1000 * 10) / 10,
    megabytesPerSecond: Math.round((totalBytes / MB / (elapsed / 1000)) * 10) / 10,
  });
  const peak = Math.max(rssStart, ...rssSamples.map((s) => s.rss));
  const firstHalf = rssSamples.filter((s) => s.done <= count / 2).map((s) => s.rss);
  const secondHalf = rssSamples.filter((s) => s.done > count / 2).map((s) => s.rss);
  results.samples('photos.upload.rss', 'memory', `resident memory growth while uploading ${count} photos (peak − start)`, 'app', 'MB', [(peak - rssStart) / MB], {
    startMB: Math.round(rssStart / MB),
    peakFirstHalfMB: Math.round(Math.max(0, ...firstHalf) / MB),
    peakSecondHalfMB: Math.round(Math.max(0, ...secondHalf) / MB),
  });

  // Replica bytes per photo: records and thumbnails written as capture writes them, then a checkpoint.
  const perReplica = quick ? 10 : 50;
  const core = await openCore(path.join(dir, 'data'));
  try {
    const job = (await core.dispatch('jobs.create', { title: 'Photo bench' })) as { ok: true; value: Job };
    await core.replica.checkpoint();
    const before = replicaBytes(core.replica.path);
    let thumbs = 0;
    for (let i = 0; i < perReplica; i += 1) {
      const image = await processImage(await makePhoto(1600, 1200, { seed: i + 7, detail: true }), 'image/jpeg', { maxSide: 2048, keepLocation: false });
      thumbs += image.thumbnail.length;
      await core.replica.db.transaction((tx) =>
        insertAttachment(tx, core.edits, {
          jobId: job.value.id,
          ownerType: 'job',
          ownerId: job.value.id,
          kind: 'photo',
          sha256: `${i}`.padStart(64, '0'),
          mediaType: image.mediaType,
          byteSize: image.original.length,
          width: image.width,
          height: image.height,
          caption: `Photo ${i}`,
          takenAt: new Date().toISOString(),
          thumbnail: { mediaType: image.thumbnailType, width: image.thumbnailWidth, height: image.thumbnailHeight, data: image.thumbnail },
        }),
      );
    }
    await core.replica.checkpoint();
    const after = replicaBytes(core.replica.path);
    results.samples('photos.replica-bytes', 'local', `replica bytes per photo (all replica files, after a checkpoint; ${perReplica} photos)`, 'app', 'B', [(after - before) / perReplica], {
      thumbnailBytesAverage: Math.round(thumbs / perReplica),
    });
  } finally {
    await core.close();
  }
}
