import { describe, expect, it } from 'vitest';
import type { Job, JobPage } from '../../../../../shared/domain/jobs.js';
import type { Person } from '../../../../../shared/domain/people.js';
import { mergePeople } from '../../../../../electron/core/features/people/people-queries.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';

describe('people', () => {
  it('lists this worker first, typed assignees, and follows a rename', async () => {
    const core = await startTestCore();
    expect(await invoke<Person[]>(core, 'people.list', {})).toEqual([]);
    await invoke(core, 'profile.set', { name: 'Alex' });
    const me = core.settings.current.deviceId;
    await invoke(core, 'jobs.create', { title: 'Typed', assignee: 'Robin Typed' });
    expect(await invoke<Person[]>(core, 'people.list', {})).toEqual([
      { id: me, name: 'Alex', me: true },
      { id: null, name: 'Robin Typed', me: false },
    ]);
    expect(await invoke<Person[]>(core, 'people.list', { search: 'rob' })).toEqual([{ id: null, name: 'Robin Typed', me: false }]);
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    expect((await invoke<Person[]>(core, 'people.list', {}))[0]).toEqual({ id: me, name: 'Alex Field', me: true });
  });

  it('"assigned to me" matches by person id, so a rename keeps the worker’s jobs', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const me = core.settings.current.deviceId;
    const mine = await invoke<Job>(core, 'jobs.create', { title: 'Mine', assignee: 'Alex', assigneeId: me });
    expect(mine).toMatchObject({ assignee: 'Alex', assigneeId: me });
    await invoke(core, 'jobs.create', { title: 'Typed for me', assignee: 'Alex' });
    await invoke(core, 'jobs.create', { title: 'Someone else', assignee: 'Sam', assigneeId: 'device-of-sam' });
    const titles = async () => (await invoke<JobPage>(core, 'jobs.list', { assignedToMe: true, sort: 'title' })).items.map((j) => j.title);
    expect(await titles()).toEqual(['Mine', 'Typed for me']);
    await invoke(core, 'profile.set', { name: 'Alexandra' });
    // The typed name no longer names this worker; the linked job stays theirs.
    expect(await titles()).toEqual(['Mine']);
    expect((await invoke<{ total: number }>(core, 'jobs.count', { assignedToMe: true })).total).toBe(1);
  });

  it('keeps the person id when a form re-sends the same name, and clears it for a typed one', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler', assignee: 'Sam', assigneeId: 'device-of-sam' });
    expect(await invoke<Job>(core, 'jobs.update', { id: job.id, title: 'Boiler service', assignee: 'Sam' })).toMatchObject({ assigneeId: 'device-of-sam' });
    expect(await invoke<Job>(core, 'jobs.update', { id: job.id, assignee: 'Sam Other' })).toMatchObject({ assignee: 'Sam Other', assigneeId: null });
    expect(await invoke<Job>(core, 'jobs.update', { id: job.id, assignee: null, assigneeId: 'device-of-sam' })).toMatchObject({ assignee: null, assigneeId: null });
    const bad = await core.dispatch('jobs.update', { id: job.id, assignee: 'X', assigneeId: "'; DROP TABLE jobs; --" });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('merges one entry per person id, the worker’s latest name winning over names stored on jobs', () => {
    const people = mergePeople(
      [{ id: 'd1', name: 'Sam Smith' }, { id: 'd2', name: 'Bea' }],
      [{ name: 'Sam', id: 'd1' }, { name: 'Bea', id: null }, { name: 'Kim', id: null }, { name: 'Lee', id: 'd3' }],
      { id: 'd0', name: 'Alex' },
    );
    expect(people).toEqual([
      { id: 'd0', name: 'Alex', me: true },
      { id: 'd2', name: 'Bea', me: false },
      { id: null, name: 'Kim', me: false },
      { id: 'd3', name: 'Lee', me: false },
      { id: 'd1', name: 'Sam Smith', me: false },
    ]);
  });
});
