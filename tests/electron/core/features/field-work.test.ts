import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../../shared/domain/inspections.js';
import type { Job, JobPage } from '../../../../shared/domain/jobs.js';
import type { Note } from '../../../../shared/domain/notes.js';
import type { Site, SitePage } from '../../../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../../../shared/domain/templates.js';
import type { Core } from '../../../../electron/core/app-core.js';
import { parseFields } from '../../../../electron/core/changes/projection.js';
import { invoke, startTestCore } from '../../../helpers/core.js';

async function fixture() {
  const core = await startTestCore();
  await invoke(core, 'profile.set', { name: 'Alex Field' });
  const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: '12 Quay Street' });
  return { core, site };
}

const changesFor = (core: Core, entityId: string) =>
  core.replica.db.all<{ id: string; kind: string; actor: string; fields: string; created_at: string }>(
    'SELECT id, kind, actor, fields, created_at FROM changes WHERE entity_id = ? ORDER BY hlc',
    [entityId],
  );

describe('sites', () => {
  it('creates, lists by name, searches, updates and tombstones a site', async () => {
    const { core, site } = await fixture();
    expect(site).toMatchObject({ name: 'Harbour View', address: '12 Quay Street', latitude: null, createdBy: 'Alex Field' });
    await invoke(core, 'sites.create', { name: 'Alpha Depot', address: 'Mill Lane', latitude: 51.5, longitude: -0.12 });
    const all = await invoke<SitePage>(core, 'sites.list', {});
    expect(all.items.map((s) => s.name)).toEqual(['Alpha Depot', 'Harbour View']);
    const found = await invoke<SitePage>(core, 'sites.list', { search: 'mill' });
    expect(found.items.map((s) => s.name)).toEqual(['Alpha Depot']);
    const page1 = await invoke<SitePage>(core, 'sites.list', { limit: 1 });
    const page2 = await invoke<SitePage>(core, 'sites.list', { limit: 1, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((s) => s.name)).toEqual(['Alpha Depot', 'Harbour View']);
    expect(page2.nextCursor).toBeNull();

    const updated = await invoke<Site>(core, 'sites.update', { id: site.id, contact: 'Dana, 555-0142' });
    expect(updated).toMatchObject({ name: 'Harbour View', contact: 'Dana, 555-0142' });
    await invoke(core, 'sites.delete', { id: site.id });
    expect((await invoke<SitePage>(core, 'sites.list', {})).items.map((s) => s.name)).toEqual(['Alpha Depot']);
    expect((await invoke<Site>(core, 'sites.get', { id: site.id })).deletedAt).not.toBeNull();
    expect((await changesFor(core, site.id)).map((c) => c.kind)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses to delete a site that still has jobs', async () => {
    const { core, site } = await fixture();
    await invoke(core, 'jobs.create', { title: 'Boiler', siteId: site.id });
    const result = await core.dispatch('sites.delete', { id: site.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke<Site>(core, 'sites.get', { id: site.id })).deletedAt).toBeNull();
  });
});

describe('jobs', () => {
  it('creates a job at a site, updates only given fields and logs every edit', async () => {
    const { core, site } = await fixture();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler service', siteId: site.id, priority: 'high', dueDate: '2026-12-01' });
    expect(job).toMatchObject({ siteName: 'Harbour View', status: 'open', createdBy: 'Alex Field', priority: 'high' });
    const updated = await invoke<Job>(core, 'jobs.update', { id: job.id, description: 'Plant room', assignee: 'Alex Field' });
    expect(updated).toMatchObject({ title: 'Boiler service', description: 'Plant room', assignee: 'Alex Field', priority: 'high' });
    const changes = await changesFor(core, job.id);
    expect(changes.map((c) => c.kind)).toEqual(['create', 'update']);
    // updatedAt and updatedBy are the row's own created_at and actor: stored once, read back by parseFields (migration 10).
    expect(Object.keys(JSON.parse(changes[1]!.fields)).sort()).toEqual(['assignee', 'assigneeId', 'description']);
    expect(parseFields(changes[1]!)).toMatchObject({ updatedAt: changes[1]!.created_at, updatedBy: 'Alex Field' });
    expect(updated.updatedAt).toBe(changes[1]!.created_at);
    const notes = await invoke<Note[]>(core, 'notes.list', { jobId: job.id });
    expect(notes.map((n) => [n.kind, n.body])).toEqual([['assignment', 'Assigned to Alex Field']]);
  });

  it('moves through statuses, reopens, and writes each change on the timeline', async () => {
    const { core } = await fixture();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Fire doors' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    const reopened = await invoke<Job>(core, 'jobs.setStatus', { id: job.id, status: 'open' });
    expect(reopened.status).toBe('open');
    await invoke(core, 'notes.add', { jobId: job.id, body: 'Door 3 closer replaced' });
    const notes = await invoke<Note[]>(core, 'notes.list', { jobId: job.id });
    expect(notes.map((n) => n.body)).toEqual([
      'Status changed: Open → In progress',
      'Status changed: In progress → Done',
      'Reopened: Done → Open',
      'Door 3 closer replaced',
    ]);
    expect(notes.every((n) => n.createdBy === 'Alex Field')).toBe(true);
  });

  it('deletes as a tombstone that lists skip', async () => {
    const { core } = await fixture();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Gone soon' });
    await invoke(core, 'jobs.delete', { id: job.id });
    expect((await invoke<JobPage>(core, 'jobs.list', {})).items).toEqual([]);
    expect((await invoke<Job>(core, 'jobs.get', { id: job.id })).deletedAt).not.toBeNull();
    expect(await core.dispatch('jobs.update', { id: job.id, title: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('searches title, description and site name, filters, and pages every sort without gaps', async () => {
    const { core, site } = await fixture();
    const other = await invoke<Site>(core, 'sites.create', { name: 'Riverside Depot', address: 'Mill Lane' });
    const specs = [
      { title: 'Boiler service', priority: 'high', dueDate: '2026-12-03', siteId: site.id, assignee: 'Alex Field' },
      { title: 'Gutter clearance', priority: 'low', dueDate: '2026-12-01', siteId: other.id, description: 'North boiler flue too' },
      { title: 'Emergency lights', priority: 'urgent', dueDate: null, siteId: other.id, assignee: 'Sam' },
      { title: 'Playground check', priority: 'normal', dueDate: '2026-12-02' },
      { title: 'Alarm test', priority: 'normal', dueDate: '2026-12-02', assignee: 'Alex Field' },
    ];
    for (const s of specs) await invoke(core, 'jobs.create', s);
    const list = async (input: object) => (await invoke<JobPage>(core, 'jobs.list', input)).items.map((j) => j.title);

    expect((await list({ search: 'boiler' })).sort()).toEqual(['Boiler service', 'Gutter clearance']);
    expect((await list({ search: 'riverside' })).sort()).toEqual(['Emergency lights', 'Gutter clearance']);
    expect(await list({ search: '100%' })).toEqual([]);
    expect((await list({ priority: ['urgent', 'high'] })).sort()).toEqual(['Boiler service', 'Emergency lights']);
    expect((await list({ assignedToMe: true })).sort()).toEqual(['Alarm test', 'Boiler service']);
    expect((await list({ assignee: null })).sort()).toEqual(['Gutter clearance', 'Playground check']);
    expect((await list({ assignee: 'Sam' }))).toEqual(['Emergency lights']);
    expect(await invoke(core, 'jobs.assignees')).toEqual(['Alex Field', 'Sam']);
    expect((await list({ siteId: other.id })).sort()).toEqual(['Emergency lights', 'Gutter clearance']);
    expect((await list({ dueFrom: '2026-12-02', dueTo: '2026-12-02' })).sort()).toEqual(['Alarm test', 'Playground check']);
    expect(await list({ status: ['done'] })).toEqual([]);

    expect(await list({ sort: 'title' })).toEqual(['Alarm test', 'Boiler service', 'Emergency lights', 'Gutter clearance', 'Playground check']);
    const byPriority = await list({ sort: 'priority' });
    expect(byPriority.slice(0, 2)).toEqual(['Emergency lights', 'Boiler service']);
    expect(byPriority.slice(2, 4).sort()).toEqual(['Alarm test', 'Playground check']);
    expect(byPriority[4]).toBe('Gutter clearance');
    const due = await list({ sort: 'due' });
    expect(due[0]).toBe('Gutter clearance');
    expect(due[4]).toBe('Emergency lights');

    for (const sort of ['due', 'created', 'updated', 'priority', 'title'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await list({ sort, direction, limit: 500 });
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: JobPage = await invoke<JobPage>(core, 'jobs.list', { sort, direction, limit: 2, cursor });
          paged.push(...page.items.map((j) => j.title));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, `${sort} ${direction}`).toEqual(whole);
        expect(new Set(paged).size).toBe(5);
      }
    }
    const first = await invoke<JobPage>(core, 'jobs.list', { sort: 'title', limit: 2 });
    expect(await core.dispatch('jobs.list', { sort: 'due', cursor: first.nextCursor })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('pages by the longest allowed non-ASCII titles', async () => {
    const { core } = await fixture();
    const titles = ['Ж', 'Я', 'ß'].map((c) => c.repeat(200));
    for (const title of titles) await invoke(core, 'jobs.create', { title });
    const first = await invoke<JobPage>(core, 'jobs.list', { sort: 'title', limit: 1 });
    const second = await invoke<JobPage>(core, 'jobs.list', { sort: 'title', limit: 1, cursor: first.nextCursor });
    expect(second.items[0]!.title).not.toBe(first.items[0]!.title);
  });
});

describe('checklists', () => {
  it('starts from a template, answers items, signs off read-only, reopens', async () => {
    const { core } = await fixture();
    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Safety', items: ['Exits clear', 'RCD trip time'] });
    expect((await invoke<ChecklistTemplate[]>(core, 'templates.list')).map((t) => t.items)).toEqual([['Exits clear', 'RCD trip time']]);
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Inspect' });
    expect(await invoke(core, 'inspections.forJob', { jobId: job.id })).toBeNull();
    const started = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
    expect(started.items.map((i) => [i.label, i.result])).toEqual([['Exits clear', null], ['RCD trip time', null]]);
    expect(await core.dispatch('inspections.start', { jobId: job.id, templateId: template.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const [a, b] = started.items;
    await invoke(core, 'inspections.setItem', { inspectionId: started.id, itemId: a!.id, result: 'pass' });
    expect(await core.dispatch('inspections.signOff', { id: started.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await invoke(core, 'inspections.setItem', { inspectionId: started.id, itemId: b!.id, result: 'fail', comment: 'Slow', measurement: 41.5, unit: 'ms' });
    const signed = await invoke<Inspection>(core, 'inspections.signOff', { id: started.id });
    expect(signed).toMatchObject({ signedOffBy: 'Alex Field' });
    expect(signed.items[1]).toMatchObject({ result: 'fail', comment: 'Slow', measurement: 41.5, unit: 'ms' });

    const locked = await core.dispatch('inspections.setItem', { inspectionId: started.id, itemId: a!.id, result: 'na' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id })).items[0]!.result).toBe('pass');

    const reopened = await invoke<Inspection>(core, 'inspections.reopen', { id: started.id });
    expect(reopened.signedOffAt).toBeNull();
    await invoke(core, 'inspections.setItem', { inspectionId: started.id, itemId: a!.id, result: 'na' });
    const notes = await invoke<Note[]>(core, 'notes.list', { jobId: job.id });
    expect(notes.map((n) => n.body)).toEqual(['Checklist “Safety” started', 'Checklist “Safety” signed off', 'Checklist “Safety” reopened']);
  });

  it('edits and retires a template without touching inspections already started from it', async () => {
    const { core } = await fixture();
    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Safety', items: ['Exits clear'] });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Inspect' });
    await invoke(core, 'inspections.start', { jobId: job.id, templateId: template.id });

    const renamed = await invoke<ChecklistTemplate>(core, 'templates.update', { id: template.id, name: 'Site safety' });
    expect(renamed).toMatchObject({ name: 'Site safety', items: ['Exits clear'] });
    const reordered = await invoke<ChecklistTemplate>(core, 'templates.update', { id: template.id, items: ['Lights', 'Exits clear'] });
    expect(reordered).toMatchObject({ name: 'Site safety', items: ['Lights', 'Exits clear'] });
    const started = await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id });
    expect(started.items.map((i) => i.label)).toEqual(['Exits clear']);

    expect(await invoke(core, 'templates.delete', { id: template.id })).toEqual({ id: template.id });
    expect(await invoke<ChecklistTemplate[]>(core, 'templates.list')).toEqual([]);
    const other = await invoke<Job>(core, 'jobs.create', { title: 'Another' });
    expect(await core.dispatch('inspections.start', { jobId: other.id, templateId: template.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id })).items).toHaveLength(1);
  });
});

describe('profile and sample data', () => {
  it('stores the profile per device and uses it as the author of edits', async () => {
    const core = await startTestCore();
    expect(await invoke(core, 'profile.get')).toEqual({ name: null });
    await invoke(core, 'profile.set', { name: '  Jo Smith ' });
    expect(await invoke(core, 'profile.get')).toEqual({ name: 'Jo Smith' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'x' });
    expect(job.createdBy).toBe('Jo Smith');
  });

  it('loads sample data into an empty workspace only', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Jo' });
    expect(await invoke(core, 'workspace.loadSampleData')).toEqual({ sites: 3, jobs: 6, templates: 1 });
    expect((await invoke<JobPage>(core, 'jobs.list', {})).items).toHaveLength(6);
    expect((await invoke<JobPage>(core, 'jobs.list', { assignedToMe: true })).items).toHaveLength(6);
    expect(await core.dispatch('workspace.loadSampleData', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke<JobPage>(core, 'jobs.list', {})).items).toHaveLength(6);
  });
});
