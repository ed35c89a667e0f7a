/** Field-work rows travel between laptops through a real primary, with their change log. */
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { Note } from '../../shared/domain/notes.js';
import type { Site } from '../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import type { Core } from '../../electron/core/app-core.js';
import { invoke, startTeam } from '../helpers/core.js';
import { startPrimary } from '../helpers/primary.js';

describe('field work across two laptops', () => {
  it('a site, a job, a signed-off checklist and notes made on one laptop arrive on the other', async () => {
    const primary = await startPrimary();
    const [a, b] = (await startTeam(primary.url, ['Alex', 'Sam'])) as [Core, Core];

    const site = await invoke<Site>(a, 'sites.create', { name: 'Depot', address: 'Mill Lane' });
    const template = await invoke<ChecklistTemplate>(a, 'templates.create', { name: 'Safety', items: ['Exits clear'] });
    const job = await invoke<Job>(a, 'jobs.create', { title: 'Boiler', siteId: site.id, assignee: 'Sam' });
    const inspection = await invoke<Inspection>(a, 'inspections.start', { jobId: job.id, templateId: template.id });
    await invoke(a, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[0]!.id, result: 'pass' });
    await invoke(a, 'inspections.signOff', { id: inspection.id });
    await invoke(a, 'notes.add', { jobId: job.id, body: 'Keys with caretaker' });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');

    const onB = await invoke<JobPage>(b, 'jobs.list', { assignedToMe: true });
    expect(onB.items.map((j) => [j.title, j.siteName])).toEqual([['Boiler', 'Depot']]);
    const inspectionOnB = await invoke<Inspection>(b, 'inspections.forJob', { jobId: job.id });
    expect(inspectionOnB).toMatchObject({ signedOffBy: 'Alex', items: [{ label: 'Exits clear', result: 'pass' }] });

    // Sam works on it from the other laptop; Alex sees it after the next sync.
    await invoke(b, 'jobs.setStatus', { id: job.id, status: 'done' });
    await invoke(b, 'notes.add', { jobId: job.id, body: 'Serviced' });
    await invoke(b, 'sync.now');
    await invoke(a, 'sync.now');
    expect((await invoke<Job>(a, 'jobs.get', { id: job.id })).status).toBe('done');
    const notes = await invoke<Note[]>(a, 'notes.list', { jobId: job.id });
    expect(notes.filter((n) => n.kind === 'note').map((n) => [n.createdBy, n.body])).toEqual([
      ['Alex', 'Keys with caretaker'],
      ['Sam', 'Serviced'],
    ]);
    const log = await a.replica.db.all<{ actor: string; kind: string }>(
      "SELECT actor, kind FROM changes WHERE entity = 'job' AND entity_id = ? ORDER BY hlc",
      [job.id],
    );
    expect(log).toEqual([
      { actor: 'Alex', kind: 'create' },
      { actor: 'Sam', kind: 'update' },
    ]);
  });
});
