import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { compactionFold, RETENTION_DAYS } from '../../scripts/bench/fold-step.js';
import { defaultShape, generatePrimary } from '../../scripts/bench/history-gen.js';
import { isTableScan, recordAppPlans, replicaWithRows, type PlannedStatement } from '../../scripts/bench/query-plans.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';
import { tempDir } from '../helpers/temp-dir.js';

const replicaAt = useMigrationReplicas();
const version = MIGRATIONS.findIndex((m) => m.name === 'lean-download') + 1;
const DROPPED = ['jobs_status_due_idx', 'jobs_priority_idx', 'jobs_due_idx'];

/** The CREATE statements of the dropped indexes, as the earlier migrations wrote them. */
const droppedIndexSql = MIGRATIONS.slice(0, version - 1)
  .flatMap((m) => m.sql.split(';'))
  .map((s) => s.trim())
  .filter((s) => DROPPED.some((name) => new RegExp(`^CREATE INDEX IF NOT EXISTS ${name} `).test(s)));

const indexNames = async (db: Awaited<ReturnType<typeof replicaAt>>['db']) =>
  (await db.all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name`)).map((r) => r.name);

describe('migration 9: lean download', () => {
  it('drops three job indexes, adds fold_workers, keeps the jobs; replaying its SQL changes nothing', async () => {
    expect(version).toBe(9);
    expect(droppedIndexSql).toHaveLength(DROPPED.length);
    const replica = await replicaAt(version - 1);
    await replica.db.run(`INSERT INTO jobs (id, title, created_at, created_by, updated_at, updated_by) VALUES ('j1', 'Old job', 't', 'a', 't', 'a')`);
    for (const name of DROPPED) expect(await indexNames(replica.db)).toContain(name);
    expect((await migrate(replica.db, MIGRATIONS.slice(0, version))).applied).toEqual([version]);
    expect(await schemaVersion(replica.db)).toBe(version);
    const names = await indexNames(replica.db);
    for (const name of DROPPED) expect(names).not.toContain(name);
    for (const kept of ['jobs_due_sort_idx', 'jobs_assignee_idx', 'jobs_people_idx', 'jobs_created_idx', 'changes_entity_idx', 'changes_hlc_idx']) expect(names).toContain(kept);
    expect(await replica.db.all('SELECT id, title FROM jobs')).toEqual([{ id: 'j1', title: 'Old job' }]);
    expect(await replica.db.all('SELECT * FROM fold_workers')).toEqual([]);
    await replica.db.exec(MIGRATIONS[version - 1]!.sql);
    expect(await indexNames(replica.db)).toEqual(names);
  });

  it('leaves no read of jobs, changes or folds without the index it had: the same plans, minus the dropped indexes', async () => {
    const dir = tempDir('fieldbook-plans-');
    const generated = await generatePrimary(path.join(dir, 'primary.db'), defaultShape(80, 6, { months: 6 }), {
      fold: { step: compactionFold, retentionDays: RETENTION_DAYS },
    });
    const plansOf = async (extraSql: string[]): Promise<PlannedStatement[]> => {
      const replica = await replicaWithRows(dir, generated.file, MIGRATIONS.length, extraSql.length > 0 ? 'before' : 'after');
      try {
        for (const sql of extraSql) await replica.db.exec(sql);
        return await recordAppPlans(replica.db, 'plan-device');
      } finally {
        await replica.close();
      }
    };
    // Before: today's schema with the dropped indexes put back, so each difference is theirs alone.
    const before = await plansOf(droppedIndexSql);
    const after = await plansOf([]);
    expect(after.map((p) => p.scenario)).toEqual(before.map((p) => p.scenario));
    // No read used the dropped indexes: every plan is the same without them (job-queries.ts seeks the due
    // sort's index for due dates; scripts/bench/query-plans.ts compared the earlier SQL at 5,000 jobs too).
    expect(after.map((p) => `${p.scenario}: ${p.details.join(' | ')}`)).toEqual(before.map((p) => `${p.scenario}: ${p.details.join(' | ')}`));
    for (const p of after) expect(p.details.join(' | '), p.scenario).not.toMatch(new RegExp(DROPPED.join('|')));
    // Counts of a due-date filter, and its lists by due date, seek it (other sorts walk their own index).
    const due = after.filter((p) => /^jobs\.(count due|list due \w+ by due)/.test(p.scenario) && /FROM jobs j/.test(p.sql));
    expect(due.length).toBeGreaterThan(5);
    for (const p of due) expect(p.details.join(' | '), p.scenario).toContain('jobs_due_sort_idx');
    // A list page always reads an index in order or seeks one: never the whole jobs table.
    for (const p of after.filter((s) => s.scenario.startsWith('jobs.list'))) expect(p.details.some(isTableScan), `${p.scenario}: ${p.details.join(' | ')}`).toBe(false);
    // History and the feed reach the log through its indexes (reconcile and compaction are held to their plans above).
    const log = after.filter((p) => /^(history|activity)/.test(p.scenario));
    expect(log.length).toBeGreaterThan(3);
    for (const p of log) expect(p.details.filter(isTableScan), `${p.scenario}: ${p.sql}`).toEqual([]);
    expect(after.filter((p) => /^(reconcile|compaction)/.test(p.scenario)).length).toBeGreaterThan(5);
  }, 120_000);
});
