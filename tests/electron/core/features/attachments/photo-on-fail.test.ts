/** A failed checklist item can require a photo: kept with the template, copied when a checklist starts, enforced at sign-off in main. */
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../../shared/domain/attachments.js';
import type { Inspection } from '../../../../../shared/domain/inspections.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { ChecklistTemplate } from '../../../../../shared/domain/templates.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { base64, makePhoto } from '../../../../helpers/photos.js';

const ITEMS = ['Exits clear', 'Guard fitted', 'Nameplate legible'];

describe('photo required when an item fails', () => {
  it('is kept with the template: only its own items, kept for items that stay when the items are rewritten', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const stray = await core.dispatch('templates.create', { name: 'Pumps', items: ITEMS, photoOnFail: ['Seals dry'] });
    expect(!stray.ok && stray.error).toMatchObject({ code: 'INVALID_INPUT', message: '“Seals dry” is not an item of this checklist, so it cannot require a photo.' });
    expect(await invoke<ChecklistTemplate[]>(core, 'templates.list')).toEqual([]);

    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Pumps', items: ITEMS, photoOnFail: ['Guard fitted', 'Nameplate legible'] });
    expect(template.photoOnFail).toEqual(['Guard fitted', 'Nameplate legible']);
    const plain = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Plain', items: ['One'] });
    expect(plain.photoOnFail).toEqual([]);

    // Items rewritten without flags: "Guard fitted" stays and keeps its flag; the removed item's goes.
    const rewritten = await invoke<ChecklistTemplate>(core, 'templates.update', { id: template.id, items: ['Guard fitted', 'Exits clear', 'Valve shut'] });
    expect(rewritten.photoOnFail).toEqual(['Guard fitted']);
    const reflagged = await invoke<ChecklistTemplate>(core, 'templates.update', { id: template.id, photoOnFail: ['Valve shut'] });
    expect(reflagged).toMatchObject({ items: ['Guard fitted', 'Exits clear', 'Valve shut'], photoOnFail: ['Valve shut'] });
    const refused = await core.dispatch('templates.update', { id: template.id, items: ['Only this'], photoOnFail: ['Valve shut'] });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'photoOnFail' });
    expect((await invoke<ChecklistTemplate[]>(core, 'templates.list')).find((t) => t.id === template.id)?.items).toEqual(['Guard fitted', 'Exits clear', 'Valve shut']);
  });

  it('refuses the sign-off, naming each failed item without a photo, until each has one; a deleted photo does not count', async () => {
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump room' });
    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Pumps', items: ITEMS, photoOnFail: ['Guard fitted', 'Nameplate legible'] });
    const started = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
    expect(started.items.map((i) => [i.label, i.photoOnFail])).toEqual([
      ['Exits clear', false],
      ['Guard fitted', true],
      ['Nameplate legible', true],
    ]);
    // The checklist keeps its own copy: a later template edit does not change it.
    await invoke(core, 'templates.update', { id: template.id, photoOnFail: [] });
    const [exits, guard, nameplate] = started.items;
    const answer = (itemId: string, result: 'pass' | 'fail' | 'na') => invoke<Inspection>(core, 'inspections.setItem', { inspectionId: started.id, itemId, result });
    await answer(exits!.id, 'fail'); // fails, but needs no photo
    await answer(guard!.id, 'fail');
    await answer(nameplate!.id, 'fail');

    const signOff = () => core.dispatch('inspections.signOff', { id: started.id });
    const both = await signOff();
    expect(!both.ok && both.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: '2 failed items need a photo: attach one to each of “Guard fitted”, “Nameplate legible” before signing off.',
    });
    expect((await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id }))?.signedOffAt).toBeNull();

    // A photo on the job (not on the item) does not satisfy the item.
    await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(await makePhoto(64, 48)) });
    const onGuard = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'inspection_item', ownerId: guard!.id, data: base64(await makePhoto(64, 48, { seed: 2 })) });
    const one = await signOff();
    expect(!one.ok && one.error.message).toBe('“Nameplate legible” failed and needs a photo: attach one to it before signing off.');

    // Answered N/A instead of Fail, it needs no photo.
    await answer(nameplate!.id, 'na');
    expect((await invoke<Inspection>(core, 'inspections.signOff', { id: started.id })).signedOffAt).not.toBeNull();

    // Reopened, with the guard's photo deleted, it is refused again; restoring the photo lets it through.
    await invoke(core, 'inspections.reopen', { id: started.id });
    await invoke(core, 'attachments.delete', { id: onGuard.id });
    const again = await signOff();
    expect(!again.ok && again.error.message).toMatch(/“Guard fitted” failed and needs a photo/);
    await invoke(core, 'attachments.restore', { id: onGuard.id });
    expect((await invoke<Inspection>(core, 'inspections.signOff', { id: started.id })).signedOffAt).not.toBeNull();
  });
});
