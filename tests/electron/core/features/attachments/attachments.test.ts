/** Photos on a job, a checklist item, a note and a sign-off, on one laptop (real core, real replica). */
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../../shared/domain/attachments.js';
import type { Inspection } from '../../../../../shared/domain/inspections.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Note } from '../../../../../shared/domain/notes.js';
import type { ChecklistTemplate } from '../../../../../shared/domain/templates.js';
import sharp from 'sharp';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { base64, makePhoto } from '../../../../helpers/photos.js';

describe('attachments', () => {
  it('attach to every kind of owner; caption, delete and restore are edits with history; the reader gives reports the bytes', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    await invoke(core, 'profile.set', { name: 'Alex' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Safety', items: ['Exits clear'] });
    const inspection = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
    const note = await invoke<Note>(core, 'notes.add', { jobId: job.id, body: 'Meter read' });
    const png = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();

    const onJob = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await makePhoto(640, 480)) });
    const onItem = await invoke<Attachment>(core, 'attachments.add', {
      ownerType: 'inspection_item',
      ownerId: inspection.items[0]!.id,
      data: base64(await makePhoto(320, 240, { seed: 5 })),
      caption: 'Blocked exit',
    });
    const onNote = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'note', ownerId: note.id, data: base64(await makePhoto(100, 100, { seed: 9 })) });
    const signature = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'sign_off', ownerId: inspection.id, data: base64(png) });
    expect([onJob.kind, onItem.kind, onNote.kind, signature.kind]).toEqual(['photo', 'photo', 'photo', 'signature']);
    expect(signature).toMatchObject({ mediaType: 'image/png', width: 300, height: 120, jobId: job.id, createdBy: 'Alex' });
    expect((await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id })).map((a) => a.id)).toEqual([onJob.id, onItem.id, onNote.id, signature.id]);

    // Owners that do not exist or were deleted are refused before anything is stored.
    const missing = await core.dispatch('attachments.add', { ownerType: 'note', ownerId: job.id, data: base64(await makePhoto(10, 10)) });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/note to attach the photo to does not exist/) });

    expect(await invoke<Attachment>(core, 'attachments.setCaption', { id: onJob.id, caption: 'Nameplate' })).toMatchObject({ caption: 'Nameplate' });
    await invoke(core, 'attachments.delete', { id: onJob.id });
    expect((await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id })).map((a) => a.id)).not.toContain(onJob.id);
    const restored = await invoke<Attachment>(core, 'attachments.restore', { id: onJob.id });
    expect(restored).toMatchObject({ caption: 'Nameplate', deletedAt: null });
    const changes = await core.replica.db.all<{ kind: string }>("SELECT kind FROM changes WHERE entity = 'attachment' AND entity_id = ? ORDER BY hlc", [onJob.id]);
    expect(changes.map((c) => c.kind)).toEqual(['create', 'update', 'delete', 'restore']);

    const reader = core.photos.reader();
    const forItem = await reader.list({ ownerId: inspection.items[0]!.id });
    expect(forItem).toHaveLength(1);
    expect(forItem[0]).toMatchObject({ caption: 'Blocked exit', mediaType: 'image/jpeg', width: 320, height: 240 });
    expect((await sharp(forItem[0]!.original!).metadata()).width).toBe(320);
    expect((await sharp(forItem[0]!.thumbnail!.bytes).metadata()).format).toBe('webp');
    const signatures = await reader.list({ ownerId: inspection.id, kind: 'signature' });
    expect(signatures.map((s) => s.id)).toEqual([signature.id]);
    expect((await reader.list({ jobId: job.id, withOriginals: false })).every((a) => a.original === null)).toBe(true);
  });

  it('the stored original is upright, within the longest side, and keeps no metadata (a kept location is on the record: keep-location.test.ts)', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null, limits: { maxSide: 500 } } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Mast' });
    const sideways = await makePhoto(800, 400, { orientation: 6 });
    const stripped = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(sideways) });
    expect([stripped.width, stripped.height]).toEqual([250, 500]);
    const original = (await core.photos.originals.local(stripped.sha256))!;
    const meta = await sharp(original).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([250, 500, undefined, undefined]);

  });
});
