/** Assignees as people across two laptops and a real primary: the person id syncs and survives renames. */
import { describe, expect, it } from 'vitest';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { Person } from '../../shared/domain/people.js';
import type { TrashItem } from '../../shared/domain/trash.js';
import type { Core } from '../../electron/core/app-core.js';
import { invoke, startTeam } from '../helpers/core.js';
import { startPrimary } from '../helpers/primary.js';

describe('people across two laptops', () => {
  it('a worker seen in the synced change log can be assigned, and their "assigned to me" follows renames', async () => {
    const primary = await startPrimary();
    const [a, b] = (await startTeam(primary.url, ['Alex', 'Sam'])) as [Core, Core];
    const samId = b.settings.current.deviceId;

    // Sam's first edit puts Sam in the change log every laptop holds.
    await invoke(b, 'jobs.create', { title: 'Sam was here' });
    await invoke(b, 'sync.now');
    await invoke(a, 'sync.now');
    const seen = await invoke<Person[]>(a, 'people.list', { search: 'sa' });
    expect(seen).toEqual([{ id: samId, name: 'Sam', me: false }]);

    const job = await invoke<Job>(a, 'jobs.create', { title: 'Boiler', assignee: 'Sam', assigneeId: samId });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    const mine = async () => (await invoke<JobPage>(b, 'jobs.list', { assignedToMe: true })).items.map((j) => j.id);
    expect(await mine()).toEqual([job.id]);

    // Sam renames and edits; Alex sees the new name, and the job stays Sam's.
    await invoke(b, 'profile.set', { name: 'Samira Khan' });
    expect(await mine()).toEqual([job.id]);
    await invoke(b, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    await invoke(b, 'sync.now');
    await invoke(a, 'sync.now');
    expect(await invoke<Person[]>(a, 'people.list', { search: 'sam' })).toEqual([{ id: samId, name: 'Samira Khan', me: false }]);

    // A delete on one laptop is restored from the other one's Deleted view.
    await invoke(a, 'jobs.delete', { id: job.id });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    expect(await mine()).toEqual([]);
    const trash = await invoke<{ items: TrashItem[] }>(b, 'trash.list', {});
    expect(trash.items.map((i) => i.id)).toEqual([job.id]);
    await invoke(b, 'trash.restore', { entity: 'job', id: job.id });
    await invoke(b, 'sync.now');
    await invoke(a, 'sync.now');
    expect((await invoke<Job>(a, 'jobs.get', { id: job.id })).deletedAt).toBeNull();
    expect(await mine()).toEqual([job.id]);
  }, 60_000);
});
