/**
 * Joining a team, with a real primary: a new laptop shows the team's jobs as
 * soon as its first download is done, its reconcile does not re-project a
 * history nothing local could conflict with, a laptop with offline edits still
 * gets them reconciled, reconcile of a long history leaves the event loop
 * free, and sample data is refused once a team database holds anything.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit } from '../../electron/core/changes/change-log.js';
import { entities } from '../../electron/core/changes/entity.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { sampleDataRefusal } from '../../electron/core/features/sample-data/sample-data-guard.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { reconcile, type ReconcileOutcome } from '../../electron/core/sync/reconcile.js';
import type { JobPage } from '../../shared/domain/jobs.js';
import { uuidv7 } from '../../shared/ids.js';
import { closeCore, invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const JOBS = 2_000;
const EDITS_PER_JOB = 5;

/** A few thousand jobs with several changes each, written the way jobs.create/update write them, then pushed. */
async function teamWithHistory(core: Core): Promise<string[]> {
  const ids: string[] = [];
  await core.replica.db.transaction(async (tx) => {
    for (let i = 0; i < JOBS; i++) {
      const id = uuidv7();
      ids.push(id);
      await recordEdit(tx, core.edits, jobEntity, { entityId: id, kind: 'create', values: { title: `Team job ${i}` } });
    }
  });
  for (let round = 1; round < EDITS_PER_JOB; round++) {
    await core.replica.db.transaction(async (tx) => {
      for (const [i, id] of ids.entries()) {
        await recordEdit(tx, core.edits, jobEntity, { entityId: id, kind: 'update', values: { title: `Team job ${i} v${round}` } });
      }
    });
  }
  core.sync.notifyLocalWrite();
  await waitFor('the team history on the primary', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0, 120_000);
  return ids;
}

/** Longest lateness of a 10 ms timer while `task` runs. */
async function lateness<T>(task: () => Promise<T>): Promise<{ value: T; maxLateMs: number }> {
  let last = performance.now();
  let maxLateMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLateMs = Math.max(maxLateMs, now - last - 10);
    last = now;
  }, 10);
  try {
    const value = await task();
    maxLateMs = Math.max(maxLateMs, performance.now() - last - 10);
    return { value, maxLateMs };
  } finally {
    clearInterval(timer);
  }
}

describe('joining a team', () => {
  it('a new laptop shows the jobs right after its download, without re-projecting the history; offline edits still get reconciled', { timeout: 240_000 }, async () => {
    const primary = await startPrimary();
    const team = await startTestCore({ primaryUrl: primary.url });
    await waitFor('team laptop synced', () => team.sync.status.state === 'up_to_date');
    const ids = await teamWithHistory(team);
    const lastTitle = `Team job ${JOBS - 1} v${EDITS_PER_JOB - 1}`;

    // A new laptop joins: the first data.changed must already find the jobs.
    const outcomes: ReconcileOutcome[] = [];
    const newcomer = await startTestCore({ primaryUrl: primary.url, onReconciled: (o) => outcomes.push(o) });
    const firstPage = await new Promise<JobPage>((resolve, reject) => {
      const off = newcomer.events.on((event) => {
        if (event !== 'data.changed') return;
        off();
        invoke<JobPage>(newcomer, 'jobs.list', { limit: 200 }).then(resolve, reject);
      });
    });
    expect(firstPage.items.length).toBe(200);
    await waitFor('newcomer reconciled', () => outcomes.length > 0);
    expect(outcomes[0]).toMatchObject({ mode: 'fast-forward', projected: 0, rewritten: 0, newChanges: JOBS * EDITS_PER_JOB });
    const top = await newcomer.replica.db.get<{ rid: number }>('SELECT max(rowid) AS rid FROM changes');
    expect(outcomes[0]!.watermark).toBe(Number(top!.rid));
    const last = await invoke<{ title: string }>(newcomer, 'jobs.get', { id: ids[JOBS - 1] });
    expect(last.title).toBe(lastTitle);
    // Nothing typed on the new laptop: nothing waits to be sent.
    await waitFor('newcomer up to date', () => newcomer.sync.status.state === 'up_to_date');
    expect(newcomer.sync.status.pendingChanges).toBe(0);

    // A laptop that worked offline before its first pull: its edits are protected by a full reconcile.
    const dataDir = tempDir('fieldbook-data-');
    const offline = await startTestCore({ dataDir });
    const mine = await invoke<{ id: string }>(offline, 'jobs.create', { title: 'Typed offline before joining' });
    await closeCore(offline);
    const offlineOutcomes: ReconcileOutcome[] = [];
    const joined = await startTestCore({ dataDir, primaryUrl: primary.url, onReconciled: (o) => offlineOutcomes.push(o) });
    await waitFor('offline laptop synced', () => joined.sync.status.state === 'up_to_date' && joined.sync.status.pendingChanges === 0, 60_000);
    expect(offlineOutcomes[0]).toMatchObject({ mode: 'projected', projected: JOBS, newChanges: JOBS * EDITS_PER_JOB });
    expect((await invoke<{ title: string }>(joined, 'jobs.get', { id: ids[JOBS - 1] })).title).toBe(lastTitle);
    const onPrimary = await primarySql(primary.url, 'SELECT title FROM jobs WHERE id = ?', [mine.id]);
    expect(onPrimary[0]?.[0]).toBe('Typed offline before joining');

    // Reconcile of the whole history from scratch (the slow path) keeps the event loop free.
    const began = performance.now();
    const { value: full, maxLateMs } = await lateness(() => reconcile(joined.replica.db, entities, joined.settings.current.deviceId, null));
    const tookMs = performance.now() - began;
    expect(full.projected).toBe(JOBS);
    expect(full.newChanges).toBe(JOBS * EDITS_PER_JOB);
    // Loose bounds for a loaded, shared machine (the benchmark holds the strict 50 ms):
    // in one piece, the loop would be held for the whole run (seconds here).
    expect(maxLateMs).toBeLessThan(300);
    expect(maxLateMs).toBeLessThan(tookMs / 4);
  });

  it('sample data is refused while the team database holds data or cannot be checked, and allowed for an empty one', { timeout: 60_000 }, async () => {
    const primary = await startPrimary();
    const empty = await startTestCore({ primaryUrl: primary.url });
    await waitFor('synced with the empty primary', () => empty.sync.status.state === 'up_to_date');
    // An empty team database: sample data is allowed, and is shared through it.
    expect(await invoke(empty, 'workspace.loadSampleData')).toMatchObject({ jobs: 6 });
    await waitFor('sample data on the primary', async () => Number((await primarySql(primary.url, 'SELECT count(*) FROM jobs'))[0]![0]) === 6);

    // A local-only laptop about to connect to that primary: the guard asks the primary itself.
    const local = await startTestCore();
    const refusal = await sampleDataRefusal({
      db: local.replica.db,
      deviceId: local.settings.current.deviceId,
      remote: () => ({ url: primary.url, authToken: null }),
      syncStatus: () => local.sync.status,
    });
    expect(refusal).toMatch(/already holds \d+ edits/);
    // With no primary at all, it is this laptop's own business.
    expect(await invoke(local, 'workspace.loadSampleData')).toMatchObject({ jobs: 6 });

    // A new laptop that cannot reach its primary yet cannot tell: refused, nothing written.
    await primary.stop('SIGKILL');
    const unreachable = await startTestCore({ primaryUrl: primary.url });
    const answer = await unreachable.dispatch('workspace.loadSampleData', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/could not be reached/) } });
    const count = await unreachable.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM jobs');
    expect(Number(count?.n)).toBe(0);
  });
});
