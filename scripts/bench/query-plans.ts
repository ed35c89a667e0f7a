/**
 * The engine's query plans for the app's own reads of `jobs`, `changes` and
 * `change_folds`: the real functions (list, count, people, search index,
 * history, activity, reconcile, compaction) run over a replica while a
 * recorder asks `EXPLAIN QUERY PLAN` of every statement they send. Used to
 * choose which indexes can go (migration 9) and, by its test, to prove that
 * no read lost its index.
 *
 *   npx tsx scripts/bench/query-plans.ts FILE [MIGRATIONS]   # plans over a copy of a generated primary's rows
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { listHistory } from '../../electron/core/changes/history.js';
import type { Db, Queryable, SqlValue } from '../../electron/core/db/database.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { listActivity } from '../../electron/core/features/activity/activity-queries.js';
import { hashesForMyJobs } from '../../electron/core/features/attachments/attachment-queries.js';
import { countJobs } from '../../electron/core/features/jobs/job-count.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { listAssignees, listJobs, type JobQuery, type Me } from '../../electron/core/features/jobs/job-queries.js';
import { currentAssignees, workersFromChangeLog } from '../../electron/core/features/people/people-queries.js';
import { countLiveJobsAtSite } from '../../electron/core/features/sites/site-queries.js';
import { reconcile } from '../../electron/core/sync/reconcile.js';
import { EntityRegistry } from '../../electron/core/changes/entity.js';
import { MIGRATIONS } from '../../migrations/index.js';
import type { JobSort } from '../../shared/domain/jobs.js';

export interface PlannedStatement {
  /** Which app read sent it. */
  scenario: string;
  sql: string;
  /** The plan's steps, as the engine words them. */
  details: string[];
}

/** A step that reads a whole table row by row (no index, no rowid range). */
export const isTableScan = (detail: string): boolean => /^SCAN \S+( AS \S+)?$/.test(detail.trim());
/** A step that sorts rows itself instead of reading them in index order. */
export const isSort = (detail: string): boolean => /TEMP B-TREE|USE SORTER/.test(detail);

const planned = /^\s*(SELECT|WITH)\b/i;

/** A `Db` that records the plan of every read it is given before running it. */
export function planRecorder(db: Db, out: PlannedStatement[], scenario: () => string): Db {
  const wrap = (q: Queryable): Queryable => {
    const record = async (sql: string, params?: readonly SqlValue[]) => {
      if (!planned.test(sql)) return;
      const steps = await q.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
      out.push({ scenario: scenario(), sql: sql.replace(/\s+/g, ' ').trim(), details: steps.map((s) => String(s.detail)) });
    };
    return {
      all: async (sql, params) => (await record(sql, params), q.all(sql, params)),
      get: async (sql, params) => (await record(sql, params), q.get(sql, params)),
      run: (sql, params) => q.run(sql, params),
      exec: (sql) => q.exec(sql),
    };
  };
  const outer = wrap(db);
  return {
    ...outer,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exclusive: (fn) => db.exclusive(fn),
  };
}

const SORTS: JobSort[] = ['created', 'updated', 'title', 'due', 'priority'];

/** Every kind of job filter the list and the count offer, alone. */
function jobFilters(sample: { assignee: string | null; siteId: string | null; due: string | null }, me: Me): [string, JobQuery][] {
  return [
    ['none', {}],
    ['status', { status: ['open', 'in_progress'] }],
    ['priority', { priority: ['urgent'] }],
    ['assignee', { assignee: sample.assignee ?? 'Nobody' }],
    ['unassigned', { assignee: null }],
    ['mine', { assignedToMe: true }],
    ['mine, by name', { assignedToMe: true, assignee: me.name }],
    ['site', { siteId: sample.siteId ?? 'no-site' }],
    ['due range', { dueFrom: sample.due ?? '2026-01-01', dueTo: '2027-12-31' }],
    ['due from', { dueFrom: sample.due ?? '2026-01-01' }],
    ['status + site', { status: ['open'], siteId: sample.siteId ?? 'no-site' }],
  ];
}

/**
 * Runs the app's reads once each over `db` and returns their plans. Reconcile and compaction
 * run for real (they write), so give it a replica that may change.
 */
export async function recordAppPlans(db: Db, deviceId: string): Promise<PlannedStatement[]> {
  const out: PlannedStatement[] = [];
  let scenario = '';
  const rec = planRecorder(db, out, () => scenario);
  const sample = (await db.get<{ id: string; assignee: string | null; site_id: string | null; due_date: string | null }>(
    'SELECT id, assignee, site_id, due_date FROM jobs WHERE assignee IS NOT NULL AND site_id IS NOT NULL AND due_date IS NOT NULL ORDER BY id LIMIT 1',
  )) ?? { id: 'none', assignee: null, site_id: null, due_date: null };
  const me: Me = { id: deviceId, name: sample.assignee ?? 'Nobody' };
  const filters = jobFilters({ assignee: sample.assignee, siteId: sample.site_id, due: sample.due_date }, me);
  for (const [name, filter] of filters) {
    for (const sort of SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        scenario = `jobs.list ${name} by ${sort} ${direction}`;
        const first = await listJobs(rec, { ...filter, sort, direction, limit: 2 }, me);
        if (first.nextCursor) {
          scenario = `jobs.list ${name} by ${sort} ${direction}, next page`;
          await listJobs(rec, { ...filter, sort, direction, limit: 2, cursor: first.nextCursor }, me);
        }
      }
    }
    scenario = `jobs.count ${name}`;
    await countJobs(rec, filter, me);
  }
  scenario = 'jobs.list search page';
  await listJobs(rec, { search: 'valve', limit: 3 }, me, { page: async () => [sample.id], count: async () => 1 });
  scenario = 'assignees';
  await listAssignees(rec);
  scenario = 'people: assignees';
  await currentAssignees(rec);
  scenario = 'people: workers';
  await workersFromChangeLog(rec);
  scenario = 'site: live jobs';
  await countLiveJobsAtSite(rec, sample.site_id ?? 'no-site');
  scenario = 'photos for my jobs';
  await hashesForMyJobs(rec, deviceId, 50);
  scenario = 'search index: build page';
  await rec.all('SELECT id, title FROM jobs WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?', ['', 500]);
  const registry = new EntityRegistry();
  registry.register(jobEntity);
  scenario = 'history';
  await listHistory(rec, registry.get('job')!, sample.id);
  scenario = 'activity';
  const feed = await listActivity(rec, { limit: 2 });
  scenario = 'activity, next page';
  if (feed.nextCursor) await listActivity(rec, { limit: 2, cursor: feed.nextCursor });
  scenario = 'activity by person';
  await listActivity(rec, { limit: 2, personId: deviceId });
  scenario = 'reconcile';
  await reconcile(rec, registry, deviceId, 0);
  scenario = 'compaction';
  // Folds what is older than 85 days: a little of a generated workspace (already folded to 90 days).
  await compactHistory(rec, { cutoffStamp: String(Date.now() - 85 * 86_400_000).padStart(13, '0'), deviceId: 'plan-compactor' });
  return out;
}

/** A replica in `dir` at the given migration count, holding `source`'s jobs, sites, changes and folds. */
export async function replicaWithRows(dir: string, source: string, migrations: number, name = 'plans'): Promise<Replica> {
  const replica = await openReplica({ path: path.join(dir, `${name}.db`), remote: () => null, clientName: 'query-plans' });
  await migrate(replica.db, MIGRATIONS.slice(0, migrations));
  const sqlite = new Database(source, { readonly: true });
  try {
    for (const table of ['sites', 'jobs', 'changes', 'change_folds']) {
      const rows = sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, SqlValue>[];
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]!);
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i += 2_000) {
        await replica.db.transaction(async (tx) => {
          for (const row of rows.slice(i, i + 2_000)) await tx.run(sql, columns.map((c) => row[c]!));
        });
      }
    }
  } finally {
    sqlite.close();
  }
  return replica;
}

async function main(): Promise<void> {
  const [file, migrationsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: query-plans.ts FILE [MIGRATIONS]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'query-plans-'));
  try {
    const replica = await replicaWithRows(dir, file, Number(migrationsArg ?? MIGRATIONS.length));
    try {
      for (const p of await recordAppPlans(replica.db, 'plan-device')) {
        const flags = `${p.details.some(isTableScan) ? ' [SCAN]' : ''}${p.details.some(isSort) ? ' [SORT]' : ''}`;
        console.log(`${p.scenario}${flags}\n    ${p.sql.slice(0, 160)}\n    ${p.details.join(' | ')}`);
      }
    } finally {
      await replica.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
