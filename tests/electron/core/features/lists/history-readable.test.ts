import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../../shared/domain/history.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Note } from '../../../../../shared/domain/notes.js';
import type { Site } from '../../../../../shared/domain/sites.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';

const field = (history: HistoryEntry[], name: string, current: boolean) =>
  history.flatMap((e) => e.fields.map((f) => ({ ...f, changeId: e.changeId }))).find((f) => f.field === name && f.current === current)!;

describe('history', () => {
  it('names the site a site id points at, also after the site was deleted', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const a = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: 'Quay' });
    const b = await invoke<Site>(core, 'sites.create', { name: 'Old Depot', address: 'Mill Lane' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler', siteId: b.id });
    await invoke(core, 'jobs.update', { id: job.id, siteId: a.id });
    await invoke(core, 'sites.delete', { id: b.id });
    const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
    expect(field(history, 'siteId', true)).toMatchObject({ value: a.id, label: 'Harbour View' });
    expect(field(history, 'siteId', false)).toMatchObject({ value: b.id, label: 'Old Depot' });
  });

  it('a restore of status or assignee writes the timeline entry the direct change writes', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const me = core.settings.current.deviceId;
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler', assignee: 'Alex', assigneeId: me });
    await invoke(core, 'jobs.update', { id: job.id, assignee: 'Sam' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    let history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });

    const oldAssignee = field(history, 'assignee', false);
    expect(oldAssignee.value).toBe('Alex');
    history = await invoke<HistoryEntry[]>(core, 'history.restore', { changeId: oldAssignee.changeId, field: 'assignee' });
    // The person id comes back with the name, so "assigned to me" finds the job again.
    expect(await invoke<Job>(core, 'jobs.get', { id: job.id })).toMatchObject({ assignee: 'Alex', assigneeId: me });

    const oldStatus = field(history, 'status', false);
    expect(oldStatus.value).toBe('open');
    await invoke(core, 'history.restore', { changeId: oldStatus.changeId, field: 'status' });
    expect(await invoke<Job>(core, 'jobs.get', { id: job.id })).toMatchObject({ status: 'open' });

    const notes = await invoke<Note[]>(core, 'notes.list', { jobId: job.id });
    expect(notes.map((n) => n.body)).toEqual([
      'Assigned to Alex',
      'Reassigned from Alex to Sam',
      'Status changed: Open → In progress',
      'Reassigned from Sam to Alex',
      'Status changed: In progress → Open',
    ]);
  });

  it('restores other fields, and fields of a deleted job, as plain edits without timeline entries', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    await invoke(core, 'jobs.update', { id: job.id, title: 'Boiler service' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    await invoke(core, 'jobs.delete', { id: job.id });
    const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
    await invoke(core, 'history.restore', { changeId: field(history, 'title', false).changeId, field: 'title' });
    await invoke(core, 'history.restore', { changeId: field(history, 'status', false).changeId, field: 'status' });
    expect(await invoke<Job>(core, 'jobs.get', { id: job.id })).toMatchObject({ title: 'Boiler', status: 'open' });
    expect((await invoke<Note[]>(core, 'notes.list', { jobId: job.id })).map((n) => n.body)).toEqual(['Status changed: Open → Done']);
  });
});
