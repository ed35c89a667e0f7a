/**
 * Photos travel between laptops: the record and thumbnail through a real
 * primary, the original through a real S3-compatible store (s3rver).
 */
import fs from 'node:fs';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { Attachment, AttachmentOriginal, UploadEntry } from '../../shared/domain/attachments.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { SyncStatus } from '../../shared/domain/sync.js';
import { sha256Hex } from '../../electron/core/blobs/blob-store.js';
import type { LocalObjectStore } from '../../scripts/lib/local-object-store.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startObjectStore } from '../helpers/object-store.js';
import { base64, makePhoto } from '../helpers/photos.js';
import { startPrimary, waitFor } from '../helpers/primary.js';

const PHOTO_TIMINGS = { uploadBackoff: { baseMs: 100, maxMs: 400 } };

export async function objectKeys(store: LocalObjectStore): Promise<string[]> {
  const client = new S3Client({
    endpoint: store.config.endpoint!,
    region: store.config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: store.config.accessKeyId, secretAccessKey: store.config.secretAccessKey },
  });
  try {
    const answer = await client.send(new ListObjectsV2Command({ Bucket: store.config.bucket }));
    return (answer.Contents ?? []).map((o) => o.Key!).sort();
  } finally {
    client.destroy();
  }
}

const dataUrlBytes = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

describe('photos across two laptops', () => {
  it('a photo taken while the store is down waits, uploads when it is back, and the other laptop shows it and opens the original', async () => {
    const primary = await startPrimary();
    const store = await startObjectStore();
    await store.stop();
    const a = await startTestCore({ primaryUrl: primary.url, photos: { defaultObjectStore: store.config, ...PHOTO_TIMINGS, limits: { maxSide: 1024 } } });
    const b = await startTestCore({ primaryUrl: primary.url, photos: { defaultObjectStore: store.config, ...PHOTO_TIMINGS } });
    await invoke(a, 'profile.set', { name: 'Alex' });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    const job = await invoke<Job>(a, 'jobs.create', { title: 'Boiler' });

    // Taken sideways (EXIF orientation 6), 1600×1200 stored pixels: upright and downscaled it is 768×1024.
    const photo = await makePhoto(1600, 1200, { orientation: 6 });
    const added = await invoke<Attachment>(a, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(photo), caption: 'Nameplate' });
    expect(added).toMatchObject({ jobId: job.id, kind: 'photo', caption: 'Nameplate', width: 768, height: 1024, mediaType: 'image/jpeg', originalHere: true });
    expect(dataUrlBytes(added.thumbnail!).length).toBeLessThanOrEqual(20 * 1024);

    // The store is down: the photo waits, and the status says so; retries go on.
    await waitFor('a failed attempt', async () => ((await invoke<UploadEntry[]>(a, 'attachments.uploads'))[0]?.attempts ?? 0) >= 2);
    const waiting = await invoke<UploadEntry[]>(a, 'attachments.uploads');
    expect(waiting).toMatchObject([{ sha256: added.sha256 }]);
    // Retries run every few hundred ms here, so one may be in flight; it keeps the last failure's words.
    expect(['waiting', 'uploading']).toContain(waiting[0]!.state);
    expect(waiting[0]!.lastError).toMatch(/cannot be reached/);
    expect((await invoke<SyncStatus>(a, 'sync.status')).photosWaiting).toBe(1);
    expect(await objectKeysOrNone(store)).toBeNull();

    await store.restart();
    await waitFor('the upload', async () => (await invoke<UploadEntry[]>(a, 'attachments.uploads'))[0]?.state === 'uploaded', 20_000);
    expect((await invoke<SyncStatus>(a, 'sync.status')).photosWaiting).toBe(0);
    expect(await objectKeys(store)).toEqual([`fieldbook/photos/${added.sha256}`]);

    // Laptop B: the record and thumbnail come with the pull; the original on opening.
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    const onB = await invoke<Attachment[]>(b, 'attachments.list', { jobId: job.id });
    expect(onB).toHaveLength(1);
    expect(onB[0]).toMatchObject({ id: added.id, caption: 'Nameplate', createdBy: 'Alex', originalHere: false, upload: null });
    expect(onB[0]!.thumbnail).toBe(added.thumbnail);
    const original = await invoke<AttachmentOriginal>(b, 'attachments.original', { id: added.id });
    const bytes = dataUrlBytes(original.dataUrl);
    expect(sha256Hex(bytes)).toBe(added.sha256);
    expect((await invoke<Attachment[]>(b, 'attachments.list', { jobId: job.id }))[0]!.originalHere).toBe(true);

    // A damaged copy on B is noticed by its hash and fetched again.
    const file = b.photos.blobs.pathOf(added.sha256);
    fs.truncateSync(file, 1000);
    const again = await invoke<AttachmentOriginal>(b, 'attachments.original', { id: added.id });
    expect(sha256Hex(dataUrlBytes(again.dataUrl))).toBe(added.sha256);
    expect(sha256Hex(fs.readFileSync(file))).toBe(added.sha256);
    // Still exactly one object: B never uploads what it downloaded.
    expect(await objectKeys(store)).toEqual([`fieldbook/photos/${added.sha256}`]);
  });

  it('photos of jobs assigned to me are fetched ahead after the pull, so they open offline', async () => {
    const primary = await startPrimary();
    const store = await startObjectStore();
    const a = await startTestCore({ primaryUrl: primary.url, photos: { defaultObjectStore: store.config, ...PHOTO_TIMINGS } });
    const b = await startTestCore({ primaryUrl: primary.url, photos: { defaultObjectStore: store.config, ...PHOTO_TIMINGS } });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    const mine = await invoke<Job>(a, 'jobs.create', { title: 'For Sam', assignee: 'Sam', assigneeId: b.settings.current.deviceId });
    const other = await invoke<Job>(a, 'jobs.create', { title: 'For someone else', assignee: 'Kim' });
    const forSam = await invoke<Attachment>(a, 'attachments.add', { ownerType: 'job', ownerId: mine.id, data: base64(await makePhoto(300, 200, { seed: 11 })) });
    const forKim = await invoke<Attachment>(a, 'attachments.add', { ownerType: 'job', ownerId: other.id, data: base64(await makePhoto(300, 200, { seed: 12 })) });
    await waitFor('both uploads', async () => (await invoke<UploadEntry[]>(a, 'attachments.uploads')).every((e) => e.state === 'uploaded'));
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    await waitFor("Sam's photo fetched ahead", () => b.photos.originals.has(forSam.sha256), 20_000);
    // Offline now: Sam's photo still opens; the other one was not fetched.
    await store.stop();
    const original = await invoke<AttachmentOriginal>(b, 'attachments.original', { id: forSam.id });
    expect(sha256Hex(dataUrlBytes(original.dataUrl))).toBe(forSam.sha256);
    expect(b.photos.originals.has(forKim.sha256)).toBe(false);
    const offline = await b.dispatch('attachments.original', { id: forKim.id });
    expect(!offline.ok && offline.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/cannot be reached/) });
  });

  it('refuses a 30 MB file and a file that is not a photo, naming the problem, and keeps nothing', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump' });
    const huge = Buffer.alloc(30 * 1024 * 1024, 1);
    (await makePhoto(64, 64)).copy(huge); // a real JPEG start: refused for its size, not its type
    const tooBig = await core.dispatch('attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(huge) });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!tooBig.ok && tooBig.error.message).toMatch(/too large: 30 MB.*up to 25 MB/);
    const text = await core.dispatch('attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(Buffer.from('%PDF-1.7 not a photo')) });
    expect(!text.ok && text.error.message).toMatch(/not a photo.*JPEG, PNG, WebP/);
    const broken = await makePhoto(200, 200);
    const truncated = await core.dispatch('attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(broken.subarray(0, 400)) });
    expect(!truncated.ok && truncated.error.message).toMatch(/could not be read/);
    expect(await invoke(core, 'attachments.list', { jobId: job.id })).toEqual([]);
    expect(await invoke(core, 'attachments.uploads')).toEqual([]);
    expect(await core.photos.blobs.list()).toEqual([]);
  });
});

async function objectKeysOrNone(store: LocalObjectStore): Promise<string[] | null> {
  try {
    return await objectKeys(store);
  } catch {
    return null;
  }
}
