/**
 * Randomized (fast-check, seeded; FIELDBOOK_SEED replays): three laptops on a
 * real local primary, each with a skewed clock on virtual time, edit jobs
 * offline (creates, updates, deletes, trash restores, history restores), sync
 * in random order, and compact their history — one at a time, two at once
 * on overlapping rows, with the full rows archived in a real local s3rver.
 * Months pass; one laptop stays offline for a long time and comes back with
 * edits stamped long ago; the primary goes down (pushes and pulls fail) and a
 * laptop restarts. After everyone syncs, every laptop's jobs equal the
 * projection of every edit ever made (computed here, without folds), every
 * laptop's own log (changes + folds) projects to the same, and the lost-data
 * check stays quiet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { archiveInObjectStore, fetchArchived } from '../../electron/core/changes/history-archive.js';
import { restoreField } from '../../electron/core/changes/history.js';
import { loadRecordLogs, project, sameValue, type ChangeRow } from '../../electron/core/changes/projection.js';
import { openObjectStore } from '../../electron/core/blobs/object-store.js';
import type { SqlValue } from '../../electron/core/db/database.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { checkPrimaryHasOurChanges } from '../../electron/core/sync/primary-check.js';
import { encodeHlc, HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { closeCore, startTestCore } from '../helpers/core.js';
import { startObjectStore } from '../helpers/object-store.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const SEED = process.env.FIELDBOOK_SEED ? Number(process.env.FIELDBOOK_SEED) : 20261201;
const RUNS = process.env.FIELDBOOK_RUNS ? Number(process.env.FIELDBOOK_RUNS) : 2;
const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const LAPTOPS = 3;

const values = fc.record(
  {
    title: fc.constantFrom('Boiler', 'Pump', 'Valve', 'Fire door'),
    status: fc.constantFrom('open', 'in_progress', 'done'),
    priority: fc.constantFrom('low', 'normal', 'high'),
    assignee: fc.constantFrom(null, 'Ana', 'Bo'),
  },
  { requiredKeys: [] },
);
const laptop = fc.nat(LAPTOPS - 1);
const op = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant('create' as const), laptop }) },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('update' as const), laptop, job: fc.nat(), burst: fc.array(values, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('delete' as const), laptop, job: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('restore' as const), laptop, job: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('historyRestore' as const), laptop, job: fc.nat(), pick: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('sync' as const), laptop }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('compact' as const), laptop }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('compactTwoAtOnce' as const), laptop }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('time' as const), days: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('primaryFlip' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('restart' as const), laptop }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface Laptop {
  core: Core;
  dataDir: string;
  skew: number;
  clock: HybridClock | null;
}

const FIELDS = Object.keys(jobEntity.columns);
const COLUMNS = jobEntity.columns as Record<string, string>;

describe(`compaction, randomized (seed ${SEED})`, () => {
  it('laptops that edit offline, compact (two at once too), fail, restart and come back after months all end at the uncompacted replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 25, maxLength: 40 }),
        fc.array(fc.integer({ min: -10 * 60_000, max: 10 * 60_000 }), { minLength: LAPTOPS, maxLength: LAPTOPS }),
        async (ops, skews) => {
          await runScenario(ops, skews);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 180_000);
});

async function runScenario(ops: readonly Op[], skews: readonly number[]): Promise<void> {
  const primaryDir = tempDir('fieldbook-primary-');
  let primary = await startPrimary(primaryDir);
  const port = primary.port;
  let primaryUp = true;
  const objectStore = await startObjectStore();
  const store = openObjectStore(objectStore.config);
  const archive = archiveInObjectStore(store);
  let now = Date.now() - 400 * DAY;
  const everyEdit = new Map<string, ChangeRow>();
  const jobs: string[] = [];
  let restarts = 0;

  const laptops: Laptop[] = [];
  for (let i = 0; i < LAPTOPS; i++) {
    const dataDir = tempDir('fieldbook-data-');
    const core = await startTestCore({ dataDir, primaryUrl: primary.url });
    await core.sync.stop();
    laptops.push({ core, dataDir, skew: skews[i]!, clock: null });
  }
  const editsOf = (l: Laptop): EditContext => {
    l.clock ??= new HybridClock(l.core.edits.deviceId, () => now + l.skew);
    const base = l.core.edits;
    return {
      clock: l.clock,
      deviceId: base.deviceId,
      actor: () => base.deviceId.slice(-4),
      now: () => new Date(now + l.skew),
      onRecorded: (change) => {
        everyEdit.set(change.id, change);
        base.onRecorded?.(change);
      },
    };
  };
  // Two laptops pull, then fold the same old rows at the same time, then both push.
  const compactTwoAtOnce = async (first: number) => {
    const a = laptops[first % 2]!;
    const b = laptops[(first + 1) % 2]!;
    if ((await compactAfterPull(a)) && (await compactAfterPull(b))) {
      const [x, y] = await Promise.all([compact(a), compact(b)]);
      if (x.folds > 0 && y.folds > 0) stats.concurrent += 1;
      await sync(a);
      await sync(b);
    }
  };
  const localJobs = async (l: Laptop) => (await l.core.replica.db.all<{ id: string }>('SELECT id FROM jobs ORDER BY id')).map((r) => r.id);
  const write = (l: Laptop, entityId: string, kind: 'create' | 'update' | 'delete' | 'restore', v: Record<string, SqlValue>) =>
    l.core.replica.db.transaction((tx) => recordEdit(tx, editsOf(l), jobEntity, { entityId, kind, values: v }));
  const sync = (l: Laptop) => l.core.sync.syncNow();
  const cutoff = () => encodeHlc({ wallMs: now - RETENTION_DAYS * DAY, counter: 0, deviceId: '' });
  // The compaction rule (sync/compaction-runner.ts): right after a pull that succeeded, with nothing pending.
  // A reconcile that rewrote rows leaves them to push, so a laptop may need another cycle or two to get there.
  const compactAfterPull = async (l: Laptop): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const status = await sync(l);
      if (status.state === 'up_to_date' && (await l.core.replica.pendingChanges()) === 0) return true;
    }
    return false;
  };
  const stats = { folded: 0, concurrent: 0 };
  const compact = async (l: Laptop) => {
    const result = await compactHistory(l.core.replica.db, { cutoffStamp: cutoff(), archive, deviceId: l.core.edits.deviceId, recordsPerBatch: 3 });
    stats.folded += result.folded;
    return result;
  };

  // Every laptop starts with the same three jobs.
  for (let i = 0; i < 3; i++) {
    const id = uuidv7(now);
    await write(laptops[0]!, id, 'create', { title: `Job ${i}`, description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    jobs.push(id);
  }
  for (const l of laptops) await sync(l);
  await sync(laptops[0]!);

  const middle = Math.floor(ops.length / 2);
  for (const [index, step] of ops.entries()) {
    if (index === middle) {
      // Whatever the random steps did, once: past the window, two laptops fold the same old rows at once.
      if (!primaryUp) primary = await startPrimary(primaryDir, port);
      primaryUp = true;
      // Fresh rows to fold on every job laptop 0 holds, so both laptops have the same foldable rows.
      for (const id of await localJobs(laptops[0]!)) {
        for (const title of ['Both fold this', 'and this']) {
          now += 3_600_000;
          await write(laptops[0]!, id, 'update', { title });
        }
      }
      await compactAfterPull(laptops[0]!);
      now += (RETENTION_DAYS + 1) * DAY;
      await compactTwoAtOnce(0);
    }
    if (step.type === 'time') {
      now += step.days * DAY;
      continue;
    }
    if (step.type === 'primaryFlip') {
      if (primaryUp) await primary.stop('SIGKILL');
      else primary = await startPrimary(primaryDir, port);
      primaryUp = !primaryUp;
      continue;
    }
    const l = laptops[step.laptop]!;
    // Laptop 2 is the one away for months: it only syncs in the second half of the ops.
    const away = step.laptop === 2 && index < middle;
    switch (step.type) {
      case 'create': {
        const id = uuidv7(now);
        await write(l, id, 'create', { title: 'New job', description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
        jobs.push(id);
        break;
      }
      case 'update': {
        const mine = await localJobs(l);
        for (const [i, v] of step.burst.entries()) {
          now += 3_600_000; // an hour between edits
          await write(l, mine[(step.job + i) % mine.length]!, 'update', Object.keys(v).length > 0 ? v : { title: `Job ${now}` });
        }
        break;
      }
      case 'delete':
      case 'restore': {
        const mine = await localJobs(l);
        await write(l, mine[step.job % mine.length]!, step.type, {});
        break;
      }
      case 'historyRestore': {
        // Restore an old value of a field from an edit this laptop still holds as a row.
        const rows = await l.core.replica.db.all<{ id: string; fields: string }>("SELECT id, fields FROM changes WHERE entity = 'job' ORDER BY id");
        const candidates = rows.flatMap((r) => Object.keys(JSON.parse(r.fields) as object).filter((f) => ['title', 'status', 'assignee', 'deletedAt'].includes(f)).map((f) => ({ id: r.id, f })));
        if (candidates.length === 0) break;
        const { id, f } = candidates[step.pick % candidates.length]!;
        await restoreField(l.core.replica.db, l.core.entities, editsOf(l), id, f);
        break;
      }
      case 'sync':
        if (!away) await sync(l);
        break;
      case 'compact':
        if (!away && (await compactAfterPull(l))) await compact(l);
        break;
      case 'compactTwoAtOnce':
        await compactTwoAtOnce(step.laptop);
        break;
      case 'restart': {
        if (restarts >= 1) break;
        restarts += 1;
        await closeCore(l.core);
        l.core = await startTestCore({ dataDir: l.dataDir, primaryUrl: primary.url });
        await l.core.sync.stop();
        break;
      }
    }
  }

  if (!primaryUp) primary = await startPrimary(primaryDir, port);
  // Everyone syncs until nothing moves: three rounds carry any edit to every laptop.
  for (let round = 0; round < 3; round++) {
    for (const l of laptops) {
      const status = await sync(l);
      expect(status.state, `laptop sync at the end: ${status.lastError ?? ''}`).toBe('up_to_date');
    }
  }
  // Past the retention window, one more compaction folds (nearly) everything that arrived, then everyone syncs again.
  now += (RETENTION_DAYS + 1) * DAY;
  expect(await compactAfterPull(laptops[0]!)).toBe(true);
  const last = await compact(laptops[0]!);
  expect(last.folds).toBeGreaterThan(0);
  expect(stats.concurrent, 'two laptops folded the same rows at once').toBeGreaterThan(0);
  for (let round = 0; round < 2; round++) for (const l of laptops) await sync(l);

  // The oracle: the projection of every edit ever made, no fold involved.
  const byJob = new Map<string, ChangeRow[]>();
  for (const change of everyEdit.values()) byJob.set(change.entity_id, [...(byJob.get(change.entity_id) ?? []), change]);
  const expected = new Map([...byJob].map(([id, changes]) => [id, project(jobEntity, changes).fields]));
  for (const l of laptops) {
    const rows = await l.core.replica.db.all<Record<string, unknown>>('SELECT * FROM jobs');
    expect(new Set(rows.map((r) => String(r.id)))).toEqual(new Set(expected.keys()));
    const logs = await loadRecordLogs(l.core.replica.db, 'job', [...expected.keys()]);
    for (const row of rows) {
      const id = String(row.id);
      const want = expected.get(id)!;
      const own = project(jobEntity, logs.filter((c) => c.entity_id === id)).fields;
      for (const field of FIELDS) {
        const wanted = want.get(field)?.value ?? null;
        expect(sameValue(row[COLUMNS[field]!], wanted), `${id} ${field} on a laptop: ${String(row[COLUMNS[field]!])} vs ${String(wanted)}`).toBe(true);
        expect(own.get(field)?.hlc, `${id} ${field}: the laptop's log projects the same winner`).toBe(want.get(field)?.hlc);
      }
    }
    expect(await checkPrimaryHasOurChanges(l.core.replica.db, () => l.core.replica.pendingChanges(), { url: primary.url, authToken: null })).toEqual({ kind: 'whole' });
  }
  // Full history stays reachable: every edit is a row on some laptop or in the archive its record's folds name.
  const db = laptops[0]!.core.replica.db;
  for (const [id, changes] of byJob) {
    const present = new Set((await db.all<{ id: string }>('SELECT id FROM changes WHERE entity_id = ?', [id])).map((r) => r.id));
    const keys = (await db.all<{ archive: string }>('SELECT archive FROM change_folds WHERE entity_id = ?', [id])).flatMap((f) => JSON.parse(f.archive) as string[]);
    for (const row of await fetchArchived(archive, keys, 'job', id)) present.add(row.id);
    for (const change of changes) expect(present.has(change.id), `edit ${change.id} of ${id} is reachable`).toBe(true);
  }

  store.close();
  for (const l of laptops) await closeCore(l.core);
  await primary.stop('SIGKILL');
  await objectStore.stop();
  void jobs;
  if (process.env.FIELDBOOK_VERBOSE) console.log(`edits ${everyEdit.size}, folded ${stats.folded}, concurrent folds ${stats.concurrent}`);
}
