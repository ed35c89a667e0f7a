/** Deleting a photo is a tombstone: it can be listed among the job's deleted photos and restored, on this laptop and another. */
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../../shared/domain/attachments.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { base64, makePhoto } from '../../../../helpers/photos.js';

const ids = (list: Attachment[]) => list.map((a) => a.id);

describe('deleted photos', () => {
  it('are listed with their thumbnail and deletion time, restored in place, and keep their original; delete and restore twice change nothing', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump room' });
    const add = async (seed: number) => invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await makePhoto(80, 60, { seed })) });
    const first = await add(1);
    const second = await add(2);
    const third = await add(3);

    const deleted = await invoke<Attachment>(core, 'attachments.delete', { id: second.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect(ids(await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id }))).toEqual([first.id, third.id]);
    const all = await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id, includeDeleted: true });
    expect(ids(all)).toEqual([first.id, second.id, third.id]);
    const tombstone = all.find((a) => a.id === second.id)!;
    expect(tombstone.deletedAt).toBe(deleted.deletedAt);
    expect(tombstone.thumbnail).toMatch(/^data:image\/webp;base64,/);
    // The original stays: no delete permission is needed on the bucket, and the photo can come back whole.
    expect(core.photos.originals.has(second.sha256)).toBe(true);

    // Deleting again is no second edit.
    await invoke(core, 'attachments.delete', { id: second.id });
    const kinds = async () => (await core.replica.db.all<{ kind: string }>("SELECT kind FROM changes WHERE entity = 'attachment' AND entity_id = ? ORDER BY hlc", [second.id])).map((c) => c.kind);
    expect(await kinds()).toEqual(['create', 'delete']);

    const restored = await invoke<Attachment>(core, 'attachments.restore', { id: second.id });
    expect(restored.deletedAt).toBeNull();
    expect(ids(await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id }))).toEqual([first.id, second.id, third.id]);
    await invoke(core, 'attachments.restore', { id: second.id });
    expect(await kinds()).toEqual(['create', 'delete', 'restore']);

    const missing = await core.dispatch('attachments.restore', { id: '01900000-0000-7000-8000-000000000000' });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/This photo does not exist/) });
  });

  it('a photo of a deleted job is restored only after the job is', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Roof' });
    const photo = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await makePhoto(80, 60)) });
    await invoke(core, 'attachments.delete', { id: photo.id });
    await invoke(core, 'jobs.delete', { id: job.id });
    const refused = await core.dispatch('attachments.restore', { id: photo.id });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', message: 'This photo cannot be restored: its job was deleted: restore the job first (under Deleted).' });
    expect((await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id, includeDeleted: true }))[0]!.deletedAt).not.toBeNull();
    await invoke(core, 'trash.restore', { entity: 'job', id: job.id });
    expect((await invoke<Attachment>(core, 'attachments.restore', { id: photo.id })).deletedAt).toBeNull();
  });
});
