/**
 * Compaction against a real primary: a laptop that never saw the rows a fold
 * replaced (and pushed an older value last) ends at the right value; the "primary lost data"
 * check compares history weight, stays quiet through compaction (two laptops
 * folding the same rows at once included) and still notices a lost fold; the
 * sync loop's runner compacts only with an archive.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../electron/core/changes/history-archive.js';
import { openObjectStore } from '../../electron/core/blobs/object-store.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { CompactionRunner } from '../../electron/core/sync/compaction-runner.js';
import { checkPrimaryHasOurChanges, localHistoryWeight, primaryChangeCount } from '../../electron/core/sync/primary-check.js';
import type { Job } from '../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { edit, jobRow } from '../helpers/edits.js';
import { startObjectStore } from '../helpers/object-store.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAR_FUTURE = '9999999999999';

async function laptops(n: number) {
  const primary = await startPrimary();
  const cores: Core[] = [];
  for (let i = 0; i < n; i++) {
    const core = await startTestCore({ primaryUrl: primary.url });
    await core.sync.stop();
    await core.sync.syncNow();
    cores.push(core);
  }
  return { primary, cores };
}

const weightOnPrimary = (url: string) => primaryChangeCount({ url, authToken: null });

describe('compaction across laptops', () => {
  it('a laptop that never saw the folded rows re-projects the record from the pulled fold', async () => {
    const { primary, cores } = await laptops(3);
    const [a, b, c] = cores as [Core, Core, Core];
    const job = await invoke<Job>(a, 'jobs.create', { title: 'Boiler', description: '' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await c.sync.syncNow();
    // B edits offline first (older stamp), C edits later; A pulls C's edit, folds it away and pushes.
    await edit(b, 'job', job.id, 'update', { title: 'B, earlier' });
    await new Promise((r) => setTimeout(r, 5));
    await edit(c, 'job', job.id, 'update', { title: 'C, later' });
    await c.sync.syncNow();
    await a.sync.syncNow();
    // The log's newest row is never folded: make it another record's, so nothing but the fold tells B about this job.
    await invoke<Job>(a, 'jobs.create', { title: 'Newest row', description: '' });
    const folded = await compactHistory(a.replica.db, { cutoffStamp: FAR_FUTURE, deviceId: a.edits.deviceId });
    expect(folded.folds).toBe(1);
    await a.sync.syncNow();
    const cId = (await c.replica.db.get<{ id: string }>("SELECT id FROM changes WHERE fields LIKE '%C, later%'"))!.id;
    expect(await primarySql(primary.url, 'SELECT id FROM changes WHERE id = ?', [cId])).toEqual([]);
    // B pushes its older title (the engine's last push wins the column) and pulls the fold, never having seen C's row.
    await b.sync.syncNow();
    expect(await b.replica.db.get('SELECT id FROM changes WHERE id = ?', [cId])).toBeUndefined();
    expect((await jobRow(b, job.id))?.title).toBe('C, later');
    await b.sync.syncNow();
    await a.sync.syncNow();
    await c.sync.syncNow();
    for (const core of cores) expect((await jobRow(core, job.id))?.title).toBe('C, later');
  });

  it('the lost-data check weighs folds: quiet through compaction, two laptops folding at once raise the weight, a lost fold is noticed', async () => {
    const { primary, cores } = await laptops(2);
    const [a, b] = cores as [Core, Core];
    const remote = { url: primary.url, authToken: null };
    const jobs: Job[] = [];
    for (let i = 0; i < 3; i++) jobs.push(await invoke<Job>(a, 'jobs.create', { title: `Job ${i}`, description: '' }));
    for (const job of jobs) for (let k = 0; k < 3; k++) await edit(a, 'job', job.id, 'update', { title: `${job.title}.${k}` });
    await a.sync.syncNow();
    await b.sync.syncNow();
    const before = await localHistoryWeight(b.replica.db);
    const rowsBefore = Number((await primarySql(primary.url, 'SELECT count(*) FROM changes'))[0]![0]);
    // Both fold the same rows at once, then both push.
    await Promise.all([a, b].map((core) => compactHistory(core.replica.db, { cutoffStamp: FAR_FUTURE, deviceId: core.edits.deviceId })));
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    const rowsAfter = Number((await primarySql(primary.url, 'SELECT count(*) FROM changes'))[0]![0]);
    // Counting rows alone would now cry "lost data"; the weight only rose.
    expect(rowsAfter).toBeLessThan(rowsBefore);
    expect(await weightOnPrimary(primary.url)).toBeGreaterThanOrEqual(before);
    expect(await localHistoryWeight(a.replica.db)).toBe(await weightOnPrimary(primary.url));
    for (const core of cores) expect(await checkPrimaryHasOurChanges(core.replica.db, () => core.replica.pendingChanges(), remote)).toEqual({ kind: 'whole' });
    // The primary loses a fold (restored from an older backup, say): the laptop notices.
    await primarySql(primary.url, 'DELETE FROM change_folds WHERE id = (SELECT id FROM change_folds ORDER BY weight DESC LIMIT 1)');
    const verdict = await checkPrimaryHasOurChanges(a.replica.db, () => a.replica.pendingChanges(), remote);
    expect(verdict.kind === 'lost' && verdict.problem).toMatch(/The primary has lost \d+ edits? this laptop had already synced/);
  });

  it('the runner compacts only with an archive, right after a pull with nothing pending, and keeps the folded rows in it', async () => {
    const { cores } = await laptops(1);
    const [a] = cores as [Core];
    const job = await invoke<Job>(a, 'jobs.create', { title: 'Pump', description: '' });
    for (let k = 0; k < 3; k++) await edit(a, 'job', job.id, 'update', { title: `Pump ${k}` });
    await invoke<Job>(a, 'jobs.create', { title: 'Newest', description: '' });
    await a.sync.syncNow();
    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    let archive: ReturnType<typeof archiveInObjectStore> | null = null;
    const runner = new CompactionRunner({
      db: a.replica.db,
      deviceId: a.edits.deviceId,
      archive: () => archive,
      pendingChanges: () => a.replica.pendingChanges(),
      now: () => Date.now() + 200 * 86_400_000, // 200 days on: past the 90-day window
      stateFile: `${tempDir('fieldbook-runner-')}/compaction.json`,
    });
    expect(await runner.afterPull()).toBe('no-archive');
    archive = archiveInObjectStore(store);
    await edit(a, 'job', job.id, 'update', { title: 'unpushed' });
    expect(await runner.afterPull()).toBe('pending');
    await a.sync.syncNow();
    // The job's create and three updates; its newest edit is the log's newest row, which is kept.
    expect(await runner.afterPull()).toEqual({ folded: 4, folds: 1 });
    expect(await runner.afterPull()).toBe('not-due');
    const fold = (await a.replica.db.get<{ archive: string }>('SELECT archive FROM change_folds WHERE entity_id = ?', [job.id]))!;
    const keys = JSON.parse(fold.archive) as string[];
    expect(keys).toHaveLength(1);
    expect(await store.get(keys[0]!)).not.toBeNull();
    store.close();
  });
});
