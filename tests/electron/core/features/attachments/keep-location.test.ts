/**
 * "Keep location": off by default and remembered per workspace; when on, only
 * the GPS position is kept, on the record (the file keeps no metadata at all).
 * Taken-at comes from EXIF DateTimeOriginal, else the file's time, else now.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment, CaptureSettings } from '../../../../../shared/domain/attachments.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import { CaptureSettingsStore } from '../../../../../electron/core/blobs/capture-settings.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { base64, makePhoto } from '../../../../helpers/photos.js';

/** A camera photo: make, model and serial, the time taken with its offset, and a GPS position. */
async function cameraPhoto(exif: Record<string, Record<string, string>>): Promise<Buffer> {
  return sharp(await makePhoto(400, 300)).withExif(exif).jpeg({ quality: 90 }).toBuffer();
}
const FULL = {
  IFD0: { Make: 'TestCam', Model: 'X1', Software: 'fw 1.2' },
  IFD2: { DateTimeOriginal: '2025:06:14 09:30:15', OffsetTimeOriginal: '+02:00', BodySerialNumber: 'SN-12345' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2646/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3972/100' },
};

describe('keep location', () => {
  it('off by default: no position anywhere, no metadata in the file, taken-at still from EXIF', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Mast' });
    expect(await invoke<CaptureSettings>(core, 'attachments.captureSettings')).toEqual({ keepLocation: false });
    const photo = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await cameraPhoto(FULL)), takenAt: '2026-01-01T00:00:00.000Z' });
    expect(photo).toMatchObject({ latitude: null, longitude: null, takenAt: '2025-06-14T07:30:15.000Z' });
    const file = await sharp((await core.photos.originals.local(photo.sha256))!).metadata();
    expect([file.exif, file.xmp, file.iptc]).toEqual([undefined, undefined, undefined]);
    const row = await core.replica.db.get<{ latitude: number | null }>('SELECT latitude FROM attachments WHERE id = ?', [photo.id]);
    expect(row?.latitude).toBeNull();
  });

  it('on: the position is on the record (and syncs with it); the file still keeps nothing, not even GPS', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Mast' });
    const photo = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await cameraPhoto(FULL)), keepLocation: true });
    expect(photo.latitude).toBeCloseTo(51.50735, 5);
    expect(photo.longitude).toBeCloseTo(-0.1277, 5);
    const bytes = (await core.photos.originals.local(photo.sha256))!;
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('SN-12345'))).toBe(false);
    expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
    const change = await core.replica.db.get<{ fields: string }>("SELECT fields FROM changes WHERE entity = 'attachment' AND entity_id = ? AND kind = 'create'", [photo.id]);
    expect(JSON.parse(change!.fields)).toMatchObject({ latitude: photo.latitude, longitude: photo.longitude });
    // A photo with no position keeps none, whatever the setting.
    const plain = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await makePhoto(64, 48)), keepLocation: true });
    expect([plain.latitude, plain.longitude]).toEqual([null, null]);
  });

  it('the choice is remembered for the workspace and applies when a capture does not say', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Mast' });
    expect(await invoke<CaptureSettings>(core, 'attachments.setCaptureSettings', { keepLocation: true })).toEqual({ keepLocation: true });
    // Kept in the workspace's own folder: a fresh reader of that folder sees it.
    expect(new CaptureSettingsStore(path.dirname(core.photos.capture.file)).read()).toEqual({ keepLocation: true });
    const kept = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await cameraPhoto(FULL)) });
    expect(kept.latitude).not.toBeNull();
    await invoke(core, 'attachments.setCaptureSettings', { keepLocation: false });
    const dropped = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await cameraPhoto(FULL)) });
    expect(dropped.latitude).toBeNull();
    const bad = await core.dispatch('attachments.setCaptureSettings', { keepLocation: 'yes' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/keep the location must be yes or no/) });
  });

  it('taken-at: EXIF when plausible, else the file time, else now', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Mast' });
    const add = async (data: Buffer, takenAt?: string) => invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(data), ...(takenAt ? { takenAt } : {}) });
    const fileTime = '2026-03-02T08:00:00.000Z';
    expect((await add(await makePhoto(64, 48), fileTime)).takenAt).toBe(fileTime);
    // A camera whose clock was never set says 2000 (or 1970): the file time is better.
    expect((await add(await cameraPhoto({ IFD2: { DateTimeOriginal: '1970:01:01 00:00:00' } }), fileTime)).takenAt).toBe(fileTime);
    expect((await add(await cameraPhoto({ IFD2: { DateTimeOriginal: '2025:06:14 09:30:15' } }), fileTime)).takenAt).toBe(new Date(2025, 5, 14, 9, 30, 15).toISOString());
    const before = Date.now();
    const now = Date.parse((await add(await makePhoto(64, 48, { seed: 3 }))).takenAt!);
    expect(now).toBeGreaterThanOrEqual(before - 1000);
    expect(now).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
