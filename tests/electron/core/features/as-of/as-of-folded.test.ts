/**
 * "As it was" at a moment inside compacted history: with the archive (a real
 * s3rver) the view is computed from the record's archived rows and equals the
 * view of the uncompacted log; the rows are checked against their sha256 name
 * and kept for the session; without the archive the moment is refused in
 * plain words, and restoring to such a moment works from the archived rows.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../../electron/core/blobs/object-store.js';
import { ArchivedRows } from '../../../../../electron/core/changes/archived-rows.js';
import { compactHistory } from '../../../../../electron/core/changes/compaction.js';
import { foldArchive, type FoldRow } from '../../../../../electron/core/changes/folds.js';
import { archiveInObjectStore } from '../../../../../electron/core/changes/history-archive.js';
import { asOfJob, asOfSite } from '../../../../../electron/core/features/as-of/as-of-queries.js';
import { restoreSiteToMoment } from '../../../../../electron/core/features/as-of/restore-moment.js';
import type { Inspection } from '../../../../../shared/domain/inspections.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Site } from '../../../../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../../../../shared/domain/templates.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { startObjectStore } from '../../../../helpers/object-store.js';

const HOUR = 3_600_000;

describe('as it was, inside a fold', () => {
  it('equals the uncompacted view when the archive is reachable, and is refused in plain words when it is not', async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    const moments: Date[] = [];
    /** One edit an hour; a moment half an hour after each. */
    const step = async <T>(name: string, input: unknown): Promise<T> => {
      now += HOUR;
      const out = await invoke<T>(core, name, input);
      moments.push(new Date(now + HOUR / 2));
      return out;
    };
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const site = await step<Site>('sites.create', { name: 'Harbour View', address: '12 Quay Street' });
    const template = await step<ChecklistTemplate>('templates.create', { name: 'Boiler safety', items: ['Flue clear', 'Pressure'] });
    const job = await step<Job>('jobs.create', { title: 'Boiler service', siteId: site.id, assignee: 'Ana' });
    const inspection = await step<Inspection>('inspections.start', { jobId: job.id, templateId: template.id });
    const [flue, pressure] = inspection.items;
    await step('inspections.setItem', { inspectionId: inspection.id, itemId: flue!.id, result: 'pass', comment: 'clear' });
    await step('inspections.setItem', { inspectionId: inspection.id, itemId: pressure!.id, result: 'fail', measurement: 1.2, unit: 'bar' });
    await step('jobs.setStatus', { id: job.id, status: 'in_progress' });
    await step('notes.add', { jobId: job.id, body: 'Arrived on site' });
    await step('jobs.update', { id: job.id, title: 'Boiler replaced', assignee: 'Bo' });
    await step('sites.update', { id: site.id, name: 'Harbour Point' });
    await step('inspections.setItem', { inspectionId: inspection.id, itemId: pressure!.id, result: 'pass', measurement: 1.8 });
    await step('jobs.setStatus', { id: job.id, status: 'done' });
    // The log's top row is never folded: let it be another job's.
    await step('jobs.create', { title: 'Newest' });

    // The uncompacted views at every moment.
    const expected = [];
    for (const at of moments) expected.push({ job: await asOfJob(db, job.id, at), site: await asOfSite(db, site.id, at) });

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    expect((await compactHistory(db, { cutoffStamp: '9999999999999', archive, minInputs: 1 })).folded).toBeGreaterThan(10);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id IN (?, ?)', [job.id, site.id]))?.n).toBe(0);

    const archived = new ArchivedRows(() => archive);
    for (const [i, at] of moments.entries()) {
      expect({ job: await asOfJob(db, job.id, at, archived), site: await asOfSite(db, site.id, at, archived) }).toEqual(expected[i]);
    }
    // The checklist and timeline really were inside the fold at that moment (the view is not trivially empty).
    expect(expected[6]!.job.inspection?.items.map((item) => item.result)).toEqual(['pass', 'fail']);
    expect(expected[8]!.site.site?.name).toBe('Harbour View');
    expect(expected[9]!.site.site?.name).toBe('Harbour Point');

    // The handler of a laptop without an archive refuses a moment inside the fold, in plain words.
    const refused = await core.dispatch('asOf.job', { id: job.id, at: moments[6]!.toISOString() });
    expect(refused.ok ? null : refused.error.message).toMatch(/were compacted.*Choose a moment after/);

    // Offline: the session's copies still answer; a session that never read them refuses.
    await objectStore.stop();
    expect(await asOfJob(db, job.id, moments[6]!, archived)).toEqual(expected[6]!.job);
    await expect(asOfJob(db, job.id, moments[6]!, new ArchivedRows(() => archive))).rejects.toThrow(/were compacted/);

    // Restoring to a moment inside the fold works from the archived rows.
    await db.transaction((tx) => restoreSiteToMoment(tx, core.edits, site.id, moments[8]!, archived));
    expect((await db.get<{ name: string }>('SELECT name FROM sites WHERE id = ?', [site.id]))?.name).toBe('Harbour View');
    store.close();
  }, 120_000);

  it('refuses an archived object that does not match its sha256 name', async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    now += HOUR;
    await invoke(core, 'jobs.update', { id: job.id, title: 'Boiler, checked' });
    const inside = new Date(now - HOUR / 2);
    now += HOUR;
    await invoke(core, 'jobs.create', { title: 'Newest' });

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    await compactHistory(db, { cutoffStamp: '9999999999999', archive });
    const fold = await db.get<FoldRow>("SELECT * FROM change_folds WHERE entity = 'job' AND entity_id = ?", [job.id]);
    const [key] = foldArchive(fold!);
    expect((await asOfJob(db, job.id, inside, new ArchivedRows(() => archive))).job?.title).toBe('Boiler');

    // Someone replaces the object with other rows: the view is refused rather than computed from them.
    await store.put(key!, gzipSync(Buffer.from('{"id":"x"}')), 'application/gzip');
    await expect(asOfJob(db, job.id, inside, new ArchivedRows(() => archive))).rejects.toThrow(/were compacted/);
    await expect(new ArchivedRows(() => archive).object(key!)).rejects.toThrow(/does not match its name/);
    store.close();
  }, 60_000);
});
