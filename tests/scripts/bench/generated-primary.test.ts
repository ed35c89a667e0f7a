/**
 * The benchmark's generated primary (scripts/bench/history-gen.ts) must be a
 * workspace the app joins like any other: a new laptop (a real core, the
 * engine in its host process, a real `tursodb --sync-server`) shows the
 * generated jobs with their full histories, and the rows are exactly the
 * projection of the change log, so reconcile has nothing to rewrite.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobEntity } from '../../../electron/core/features/jobs/job-entity.js';
import { applyProjections } from '../../../electron/core/changes/projection.js';
import { primarySql, startLocalPrimary, type LocalPrimary } from '../../../electron/core/primary/local-primary.js';
import type { ReconcileOutcome } from '../../../electron/core/sync/reconcile.js';
import type { HistoryEntry } from '../../../shared/domain/history.js';
import type { Job, JobPage } from '../../../shared/domain/jobs.js';
import { defaultShape, generatePrimary, type GeneratedPrimary } from '../../../scripts/bench/history-gen.js';
import { compactionFold } from '../../../scripts/bench/fold-step.js';
import { invoke, startTestCore } from '../../helpers/core.js';
import { waitFor } from '../../helpers/primary.js';
import { tempDir } from '../../helpers/temp-dir.js';

const JOBS = 60;
const HISTORY = 4;

const running: LocalPrimary[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
});

async function serve(generated: GeneratedPrimary): Promise<LocalPrimary> {
  const primary = await startLocalPrimary({ dbPath: generated.file });
  running.push(primary);
  return primary;
}

async function joinAndCheck(generated: GeneratedPrimary, primary: LocalPrimary): Promise<void> {
  const outcomes: ReconcileOutcome[] = [];
  const core = await startTestCore({ primaryUrl: primary.url, onReconciled: (o) => outcomes.push(o) });
  const page = await waitFor('the generated jobs on the new laptop', async () => {
    const p = await invoke<JobPage>(core, 'jobs.list', { limit: 200 });
    return p.items.length === JOBS ? p : undefined;
  }, 60_000);
  await waitFor('the first reconcile', () => outcomes.length > 0, 60_000);
  expect(outcomes[0]!.rewritten).toBe(0);

  // Every job as the primary holds it.
  const rows = await primarySql(primary.url, 'SELECT id, title, status, priority, due_date, assignee, updated_at FROM jobs ORDER BY id');
  expect(rows).toHaveLength(JOBS);
  const shown = new Map(page.items.map((job) => [job.id, job]));
  for (const [id, title, status, priority, dueDate, assignee, updatedAt] of rows) {
    const job = shown.get(String(id));
    expect(job, `job ${String(id)} on the laptop`).toBeDefined();
    expect({ title: job!.title, status: job!.status, priority: job!.priority, dueDate: job!.dueDate, assignee: job!.assignee, updatedAt: job!.updatedAt }).toEqual({
      title,
      status,
      priority,
      dueDate,
      assignee,
      updatedAt,
    });
  }

  // The rows are the projection of the log (and folds): making them so writes nothing.
  const ids = rows.map((r) => String(r[0]));
  const rewrite = await core.replica.db.transaction((tx) => applyProjections(tx, jobEntity, ids));
  expect(rewrite).toEqual({ rewritten: 0, inserted: 0 });

  // The log arrived whole: as many rows as the primary kept.
  const [[changes]] = (await primarySql(primary.url, 'SELECT count(*) FROM changes')) as [[string]];
  expect(Number(changes)).toBe(generated.changesLeft);
  expect((await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes'))?.n).toBe(generated.changesLeft);

  // A job's history lists its edits, newest first, the newest value of each field current.
  const jobId = generated.sampleJobIds[0]!;
  const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: jobId });
  const job = await invoke<Job>(core, 'jobs.get', { id: jobId });
  expect(history.length).toBeGreaterThanOrEqual(1);
  const stamps = history.map((e) => e.hlc);
  expect([...stamps].sort().reverse()).toEqual(stamps);
  const currentTitle = history.flatMap((e) => e.fields).find((f) => f.field === 'title' && f.current);
  if (currentTitle) expect(currentTitle.value).toBe(job.title);
}

describe('generated primary (bench)', () => {
  it('a new laptop joins it and shows every job with its whole history', async () => {
    const generated = await generatePrimary(path.join(tempDir('fieldbook-gen-'), 'primary.db'), defaultShape(JOBS, HISTORY, { sites: 3 }));
    expect(generated.changesWritten).toBe(3 + JOBS * HISTORY);
    expect(generated.changesLeft).toBe(generated.changesWritten);
    const primary = await serve(generated);
    await joinAndCheck(generated, primary);
    const core = await startTestCore({ primaryUrl: primary.url });
    const history = await waitFor('the sample job on a second laptop', async () => {
      const entries = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: generated.sampleJobIds[0]! });
      return entries.length > 0 ? entries : undefined;
    }, 60_000);
    // Uncompacted: the create and every edit.
    expect(history).toHaveLength(HISTORY);
    expect(history.at(-1)!.kind).toBe('create');
  }, 180_000);

  it('compacted month by month, the same jobs arrive with fewer change rows', async () => {
    const shape = defaultShape(JOBS, HISTORY, { sites: 3, months: 6, activeDays: 20 });
    const generated = await generatePrimary(path.join(tempDir('fieldbook-gen-'), 'primary.db'), shape, { fold: { step: compactionFold, retentionDays: 30 } });
    expect(generated.changesWritten).toBe(3 + JOBS * HISTORY);
    expect(generated.changesLeft).toBeLessThan(generated.changesWritten);
    const primary = await serve(generated);
    const [[folds]] = (await primarySql(primary.url, 'SELECT count(*) FROM change_folds')) as [[string]];
    expect(Number(folds)).toBeGreaterThan(0);
    await joinAndCheck(generated, primary);
  }, 180_000);

  it('refuses sizes that make no workspace and never overwrites a file', async () => {
    const file = path.join(tempDir('fieldbook-gen-'), 'primary.db');
    await expect(generatePrimary(file, defaultShape(0, 1))).rejects.toThrow(/jobs must be a whole number/);
    await expect(generatePrimary(file, defaultShape(5, 0))).rejects.toThrow(/history \(changes per job\)/);
    await generatePrimary(file, defaultShape(5, 1));
    await expect(generatePrimary(file, defaultShape(5, 1))).rejects.toThrow(/already exists/);
  });
});
