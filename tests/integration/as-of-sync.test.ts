/**
 * Restore to a moment across two laptops and a real local primary: a
 * colleague's later edits are set back by one restore, which syncs like any
 * edit; both laptops then compute the same "as it was at" view from the same
 * log, and the colleague's screens show the restored job, checklist and the
 * timeline entries the restore wrote.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import type { ActivityPage } from '../../shared/domain/activity.js';
import type { AsOfJob } from '../../shared/domain/as-of.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { Note } from '../../shared/domain/notes.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startPrimary } from '../helpers/primary.js';

const pause = (ms = 10) => new Promise((r) => setTimeout(r, ms));

async function laptop(url: string, name: string): Promise<Core> {
  const core = await startTestCore({ primaryUrl: url });
  // The test decides when each laptop syncs.
  await core.sync.stop();
  await invoke(core, 'profile.set', { name });
  return core;
}

async function syncAll(...cores: Core[]) {
  // Two rounds: the second carries what reconcile wrote in the first.
  for (let round = 0; round < 2; round++) for (const core of cores) expect((await core.sync.syncNow()).state).toBe('up_to_date');
}

describe('restore to a moment, synced', () => {
  it("sets a colleague's later edits back on both laptops, with history and timeline entries, and both see the same past", async () => {
    const primary = await startPrimary();
    const ana = await laptop(primary.url, 'Ana');
    const bo = await laptop(primary.url, 'Bo');
    await syncAll(ana, bo);

    const template = await invoke<ChecklistTemplate>(ana, 'templates.create', { name: 'Pump check', items: ['Seal', 'Flow'] });
    const job = await invoke<Job>(ana, 'jobs.create', { title: 'Pump house', priority: 'high' });
    const inspection = await invoke<Inspection>(ana, 'inspections.start', { jobId: job.id, templateId: template.id });
    await invoke(ana, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[0]!.id, result: 'pass' });
    await invoke(ana, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    await syncAll(ana, bo);
    await pause();
    const at = new Date().toISOString();
    await pause();

    // Bo, on the other laptop, changes the job, the answers and signs off.
    await invoke(bo, 'jobs.update', { id: job.id, title: 'Pump house (done)', priority: 'low' });
    await invoke(bo, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[0]!.id, result: 'fail', comment: 'worn' });
    await invoke(bo, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[1]!.id, result: 'pass' });
    await invoke(bo, 'inspections.signOff', { id: inspection.id });
    await invoke(bo, 'jobs.setStatus', { id: job.id, status: 'done' });
    await syncAll(bo, ana);

    const anaThen = await invoke<AsOfJob>(ana, 'asOf.job', { id: job.id, at });
    expect(anaThen.job).toMatchObject({ title: 'Pump house', priority: 'high', status: 'in_progress' });
    expect(anaThen.differences.length).toBeGreaterThan(0);
    await invoke(ana, 'asOf.restore', { entity: 'job', id: job.id, at });
    await syncAll(ana, bo);

    // Bo's laptop now holds the job as it was at that moment.
    expect(await invoke<Job>(bo, 'jobs.get', { id: job.id })).toMatchObject({ title: 'Pump house', priority: 'high', status: 'in_progress', updatedBy: 'Ana' });
    const checklist = await invoke<Inspection>(bo, 'inspections.forJob', { jobId: job.id });
    expect(checklist.signedOffAt).toBeNull();
    expect(checklist.items.map((i) => [i.result, i.comment])).toEqual([
      ['pass', ''],
      [null, ''],
    ]);
    const notes = await invoke<Note[]>(bo, 'notes.list', { jobId: job.id });
    expect(notes.map((n) => `${n.createdBy}: ${n.body}`)).toEqual(
      expect.arrayContaining(['Bo: Status changed: In progress → Done', 'Ana: Reopened: Done → In progress', 'Ana: Checklist “Pump check” reopened']),
    );

    // The same log on both laptops: the same past, and nothing left to restore.
    const boThen = await invoke<AsOfJob>(bo, 'asOf.job', { id: job.id, at });
    const anaAfter = await invoke<AsOfJob>(ana, 'asOf.job', { id: job.id, at });
    expect(boThen).toEqual(anaAfter);
    expect(boThen.differences).toEqual([]);
    expect(boThen.job).toEqual(anaThen.job);
    expect(boThen.inspection).toEqual(anaThen.inspection);
    const refused = await bo.dispatch('asOf.restore', { entity: 'job', id: job.id, at });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Bo's activity feed names who set it back.
    const feed = await invoke<ActivityPage>(bo, 'activity.list', { since: at, personId: ana.settings.current.deviceId, kinds: ['job'] });
    expect(feed.items[0]).toMatchObject({ actor: 'Ana', entityId: job.id, jobTitle: 'Pump house', kind: 'update' });
    // History kept: Bo's overwritten title is still there.
    const history = await invoke<{ fields: { field: string; value: unknown; current: boolean }[] }[]>(bo, 'history.list', { entity: 'job', entityId: job.id });
    expect(history.some((e) => e.fields.some((f) => f.field === 'title' && f.value === 'Pump house (done)' && !f.current))).toBe(true);
  });
});
