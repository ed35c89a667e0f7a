/**
 * "As it was at", "restore to this moment" and the activity feed through the
 * real handlers of a real core: what a worker does in a day, then looked at
 * and set back; refusals name what was wrong and change nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../../../../electron/core/changes/change-log.js';
import { siteEntity } from '../../../../../electron/core/features/sites/site-entity.js';
import type { ActivityPage } from '../../../../../shared/domain/activity.js';
import type { AsOfJob, AsOfSite } from '../../../../../shared/domain/as-of.js';
import type { HistoryEntry } from '../../../../../shared/domain/history.js';
import type { Inspection } from '../../../../../shared/domain/inspections.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Note } from '../../../../../shared/domain/notes.js';
import type { Site } from '../../../../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../../../../shared/domain/templates.js';
import { HybridClock } from '../../../../../shared/hlc.js';
import { uuidv7 } from '../../../../../shared/ids.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';

const pause = (ms = 8) => new Promise((r) => setTimeout(r, ms));

/** A moment strictly between the edits before and after it. */
async function moment(): Promise<string> {
  await pause();
  const at = new Date().toISOString();
  await pause();
  return at;
}

async function day(core: Core) {
  await invoke(core, 'profile.set', { name: 'Alex Field' });
  const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: '12 Quay Street' });
  const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Boiler safety', items: ['Flue clear', 'Pressure'] });
  const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler service', siteId: site.id, assignee: 'Ana' });
  const inspection = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
  const [flue, pressure] = inspection.items;
  await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: flue!.id, result: 'pass', comment: 'clear' });
  await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: pressure!.id, result: 'fail', measurement: 1.2, unit: 'bar' });
  await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
  await invoke(core, 'notes.add', { jobId: job.id, body: 'Arrived on site' });
  return { site, template, job, inspection, flue: flue!, pressure: pressure! };
}

const error = async (core: Core, name: string, input: unknown) => {
  const result = await core.dispatch(name, input);
  if (result.ok) throw new Error(`${name} was expected to fail`);
  return result.error;
};

describe('as it was at a moment', () => {
  it('shows every field, the checklist and the timeline as they were, deleted or not, and restores them as one edit with timeline entries', async () => {
    const core = await startTestCore();
    const { site, job, inspection, flue, pressure } = await day(core);
    const at = await moment();

    await invoke(core, 'jobs.update', { id: job.id, title: 'Boiler replaced', assignee: 'Bo' });
    await invoke(core, 'sites.update', { id: site.id, name: 'Harbour Point' });
    await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: pressure.id, result: 'pass', measurement: 1.8 });
    await invoke(core, 'inspections.signOff', { id: inspection.id });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    await invoke(core, 'notes.add', { jobId: job.id, body: 'All done' });
    const beforeDelete = await moment();
    await invoke(core, 'jobs.delete', { id: job.id });

    const then = await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at });
    expect(then).toMatchObject({
      at,
      existed: true,
      job: { title: 'Boiler service', status: 'in_progress', assignee: 'Ana', siteName: 'Harbour View', deletedAt: null, updatedBy: 'Alex Field' },
      inspection: { id: inspection.id, signedOffAt: null, templateName: 'Boiler safety' },
    });
    expect(then.inspection!.items.map((i) => [i.label, i.result, i.comment, i.measurement, i.unit])).toEqual([
      ['Flue clear', 'pass', 'clear', null, ''],
      ['Pressure', 'fail', '', 1.2, 'bar'],
    ]);
    expect(then.notes.map((n) => n.body)).toEqual(['Assigned to Ana', 'Checklist “Boiler safety” started', 'Status changed: Open → In progress', 'Arrived on site']);
    expect(then.editsSince).toBeGreaterThan(5);
    expect(then.differences.map((d) => [d.entity, d.label, [...d.fields].sort()])).toEqual([
      ['job', null, ['assignee', 'deletedAt', 'status', 'title']],
      ['inspection', 'Boiler safety', ['signedOffAt', 'signedOffBy']],
      ['inspection_item', 'Pressure', ['measurement', 'result']],
    ]);
    // Just before the delete it was live and done; just after, deleted.
    expect((await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at: beforeDelete })).job).toMatchObject({ status: 'done', deletedAt: null, siteName: 'Harbour Point' });
    expect((await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at: new Date().toISOString() })).job?.deletedAt).not.toBeNull();

    const restored = await invoke<AsOfJob>(core, 'asOf.restore', { entity: 'job', id: job.id, at });
    expect(restored.differences).toEqual([]);
    const now = await invoke<Job>(core, 'jobs.get', { id: job.id });
    expect(now).toMatchObject({ title: 'Boiler service', status: 'in_progress', assignee: 'Ana', deletedAt: null, siteName: 'Harbour Point' });
    const checklist = await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id });
    expect(checklist.signedOffAt).toBeNull();
    expect(checklist.items.map((i) => [i.id, i.result, i.measurement])).toEqual([
      [flue.id, 'pass', null],
      [pressure.id, 'fail', 1.2],
    ]);
    // The same timeline entries the direct changes write; nothing is taken off the timeline.
    const notes = await invoke<Note[]>(core, 'notes.list', { jobId: job.id });
    expect(notes.slice(-4).map((n) => n.body).sort()).toEqual(
      ['Checklist “Boiler safety” reopened', 'Reassigned from Bo to Ana', 'Reopened: Done → In progress', 'All done'].sort(),
    );
    expect(notes.map((n) => n.body)).toContain('All done');
    // One edit of the job (after its undelete), kept in history with everything before it.
    const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
    expect(history.slice(0, 2).map((e) => e.kind)).toEqual(['update', 'restore']);
    expect(history[0]!.fields.map((f) => f.field).sort()).toEqual(['assignee', 'status', 'title', 'updatedAt', 'updatedBy']);
    expect(history.some((e) => e.fields.some((f) => f.field === 'title' && f.value === 'Boiler replaced'))).toBe(true);

    // Nothing differs any more: refused in plain words, nothing written.
    const count = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
    expect(await error(core, 'asOf.restore', { entity: 'job', id: job.id, at })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Nothing to restore: this job, its checklist and its answers are the same now as at/),
    });
    expect(await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes')).toEqual(count);
  });

  it('a job restored to a moment when it was deleted is deleted again; a moment before it existed says so and is not restorable', async () => {
    const core = await startTestCore();
    const before = await moment();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Gutter' });
    await invoke(core, 'jobs.delete', { id: job.id });
    const deleted = await moment();
    await invoke(core, 'trash.restore', { entity: 'job', id: job.id });
    await invoke(core, 'jobs.update', { id: job.id, title: 'Gutter and roof' });

    const early = await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at: before });
    expect(early).toMatchObject({ existed: false, job: null, inspection: null, notes: [], differences: [] });
    expect(Date.parse(early.createdAt)).toBeGreaterThan(Date.parse(before));
    expect(await error(core, 'asOf.restore', { entity: 'job', id: job.id, at: before })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('This job did not exist yet at'),
    });

    expect((await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at: deleted })).job).toMatchObject({ title: 'Gutter', deletedAt: expect.any(String) });
    await invoke(core, 'asOf.restore', { entity: 'job', id: job.id, at: deleted });
    expect(await invoke<Job>(core, 'jobs.get', { id: job.id })).toMatchObject({ title: 'Gutter', deletedAt: expect.any(String) });
  });

  it('a site: fields then, restore, and the delete rule of a direct delete', async () => {
    const core = await startTestCore();
    const site = await invoke<Site>(core, 'sites.create', { name: 'Depot', address: 'Mill Lane', contact: 'Dana' });
    const created = await moment();
    await invoke(core, 'sites.delete', { id: site.id });
    const deletedThen = await moment();
    await invoke(core, 'trash.restore', { entity: 'site', id: site.id });
    await invoke(core, 'sites.update', { id: site.id, name: 'North Depot', latitude: 51.5, longitude: -0.1 });

    const view = await invoke<AsOfSite>(core, 'asOf.site', { id: site.id, at: deletedThen });
    expect(view).toMatchObject({ existed: true, site: { name: 'Depot', address: 'Mill Lane', contact: 'Dana', latitude: null, deletedAt: expect.any(String) } });
    expect(view.differences[0]!.fields.sort()).toEqual(['deletedAt', 'latitude', 'longitude', 'name']);

    // It was deleted then, and now a job is there: refused like a direct delete, nothing written.
    await invoke(core, 'jobs.create', { title: 'Roof', siteId: site.id });
    expect(await error(core, 'asOf.restore', { entity: 'site', id: site.id, at: deletedThen })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('it now has 1 job. Move it to another site or delete it first.'),
    });
    expect((await invoke<Site>(core, 'sites.get', { id: site.id })).name).toBe('North Depot');

    const live = await invoke<AsOfSite>(core, 'asOf.restore', { entity: 'site', id: site.id, at: created });
    expect(live).toMatchObject({ differences: [], site: { name: 'Depot', deletedAt: null } });
    expect(await invoke<Site>(core, 'sites.get', { id: site.id })).toMatchObject({ name: 'Depot', latitude: null, deletedAt: null });
  });

  it('reads the packed tree right when a text holds the separator, and past a damaged entry that holds it raw', async () => {
    const core = await startTestCore();
    const { job, inspection, flue } = await day(core);
    // U+001E separates the packed values; JSON text holds it escaped, never raw.
    await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: flue.id, result: 'pass', comment: 'a\u001eb' });
    await invoke(core, 'jobs.update', { id: job.id, title: 'Title\u001ewith a separator' });
    const at = await moment();
    const clean = await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at });
    expect(clean.job?.title).toBe('Title\u001ewith a separator');
    expect(clean.inspection?.items.find((i) => i.id === flue.id)?.comment).toBe('a\u001eb');
    // A damaged entry (not JSON, the separator raw), stamped before the moment: ignored, as the projection ignores it.
    await core.replica.db.run(
      `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at)
       SELECT ?, entity, entity_id, 'update', hlc || '0', device_id, actor, ?, created_at FROM changes WHERE entity_id = ? ORDER BY hlc DESC LIMIT 1`,
      [uuidv7(Date.now()), '{"title":"x\u001ey', job.id],
    );
    const damaged = await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at });
    expect(damaged.job?.title).toBe('Title\u001ewith a separator');
    expect(damaged.inspection?.items.find((i) => i.id === flue.id)?.comment).toBe('a\u001eb');
    expect(damaged.notes.map((n) => n.body)).toEqual(clean.notes.map((n) => n.body));
  });

  it('refuses bad moments and unknown records with messages that name them', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump' });
    const cases: [unknown, RegExp][] = [
      [{ id: job.id, at: 'yesterday' }, /^The moment must be a date and time such as/],
      [{ id: job.id, at: '2026-02-30T10:00:00Z' }, /^The moment must be a date and time/],
      [{ id: job.id, at: '2026-12-01T10:00:00' }, /^The moment must be a date and time/],
      [{ id: job.id, at: '1999-12-31T23:59:59Z' }, /^The moment must be between the year 2000 and 2100/],
      [{ id: job.id }, /moment/i],
      [{ id: 'job-1', at: new Date().toISOString() }, /^The record reference is not valid/],
      [{ id: job.id, at: new Date().toISOString(), extra: 1 }, /.+/],
    ];
    for (const [input, message] of cases) {
      expect(await error(core, 'asOf.job', input)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    }
    expect(await error(core, 'asOf.job', { id: job.id, at: new Date(Date.now() + 86_400_000).toISOString() })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'at',
      message: expect.stringContaining('is in the future'),
    });
    const never = uuidv7();
    expect(await error(core, 'asOf.job', { id: never, at: new Date().toISOString() })).toMatchObject({
      code: 'NOT_FOUND',
      message: `No job with id ${never} has ever existed in this workspace.`,
    });
    // A job's id is not a site's.
    expect(await error(core, 'asOf.site', { id: job.id, at: new Date().toISOString() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await error(core, 'asOf.restore', { entity: 'note', id: job.id, at: new Date().toISOString() })).toMatchObject({ code: 'INVALID_INPUT' });
    // With an offset: the same instant.
    const offset = new Date(Date.now() - 60_000);
    const local = `${new Date(offset.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    expect((await invoke<AsOfJob>(core, 'asOf.job', { id: job.id, at: local })).at).toBe(`${offset.toISOString().slice(0, 19)}.000Z`);
  });
});

/** Writes as another laptop would have: its own device id and name in the change log. */
function otherDevice(deviceId: string, name: string): EditContext {
  return { clock: new HybridClock(deviceId), deviceId, actor: () => name, now: () => new Date() };
}

describe('activity feed', () => {
  it('lists what changed, newest first, by whom and about what; filters by person, kind and time; pages with a cursor', async () => {
    const core = await startTestCore();
    const { job } = await day(core);
    const depot = await invoke<Site>(core, 'sites.create', { name: 'Depot', address: 'Mill Lane' });
    const since = await moment();
    const bo = otherDevice('device-bo', 'Bo Other');
    await core.replica.db.transaction((tx) => recordEdit(tx, bo, siteEntity, { entityId: depot.id, kind: 'update', values: { name: 'North Depot' } }));
    await invoke(core, 'jobs.update', { id: job.id, siteId: depot.id, description: 'Plant room' });
    await invoke(core, 'notes.add', { jobId: job.id, body: 'Back tomorrow' });
    const until = await moment();
    await invoke(core, 'jobs.update', { id: job.id, title: 'Later title' });

    const first = await invoke<ActivityPage>(core, 'activity.list', { limit: 3 });
    expect(first.items.map((e) => [e.area, e.kind, e.actor])).toEqual([
      ['job', 'update', 'Alex Field'],
      ['note', 'create', 'Alex Field'],
      ['job', 'update', 'Alex Field'],
    ]);
    expect(first.items[1]).toMatchObject({ jobId: job.id, jobTitle: 'Later title', fields: expect.arrayContaining([{ field: 'body', value: 'Back tomorrow' }]) });
    for (let i = 1; i < first.items.length; i++) expect(first.items[i - 1]!.editedAt >= first.items[i]!.editedAt).toBe(true);

    // Every page, end to end: each edit exactly once, in stamp order.
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ActivityPage = await invoke<ActivityPage>(core, 'activity.list', { limit: 4, cursor });
      all.push(...page.items.map((e) => e.changeId));
      cursor = page.nextCursor;
    } while (cursor);
    const log = await core.replica.db.all<{ id: string }>('SELECT id FROM changes ORDER BY hlc DESC, id DESC');
    expect(all).toEqual(log.map((r) => r.id));

    const range = await invoke<ActivityPage>(core, 'activity.list', { since, until });
    expect(range.items.map((e) => [e.area, e.actor])).toEqual([
      ['note', 'Alex Field'],
      ['job', 'Alex Field'],
      ['site', 'Bo Other'],
    ]);
    // Readable like History: the site id is named.
    expect(range.items[1]!.fields).toContainEqual({ field: 'siteId', value: depot.id, label: 'North Depot' });
    expect(range.items[2]).toMatchObject({ siteName: 'North Depot', deviceId: 'device-bo' });
    expect(range.nextCursor).toBeNull();

    const bos = await invoke<ActivityPage>(core, 'activity.list', { personId: 'device-bo' });
    expect(bos.items.map((e) => e.actor)).toEqual(['Bo Other']);
    const checklist = await invoke<ActivityPage>(core, 'activity.list', { kinds: ['checklist'] });
    expect(new Set(checklist.items.map((e) => e.entity))).toEqual(new Set(['inspection', 'inspection_item']));
    expect(checklist.items.find((e) => e.entity === 'inspection_item' && e.kind === 'update')).toMatchObject({ jobTitle: 'Later title', label: expect.stringMatching(/Flue clear|Pressure/) });
    const jobsAndSites = await invoke<ActivityPage>(core, 'activity.list', { kinds: ['job', 'site'], since });
    expect(jobsAndSites.items.map((e) => e.area)).toEqual(['job', 'job', 'site']);

    expect(await error(core, 'activity.list', { since: until, until: since })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('“Since” is after “Until”') });
    expect(await error(core, 'activity.list', { cursor: 'garbage' })).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
    expect(await error(core, 'activity.list', { kinds: ['photos'] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await error(core, 'activity.list', { since: 'last week' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('“Since”') });
  });
});
