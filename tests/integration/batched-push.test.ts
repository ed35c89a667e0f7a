/**
 * A run of new rows as one statement (engine-host/batched-insert.ts) through a
 * real host and primary, at the size that broke it: transactions of 1,000 jobs
 * (2,000 row changes, more than MAX_ROWS_PER_STATEMENT), several push
 * requests. Every row must reach the primary exactly once and leave nothing
 * pending, also when a request is lost before or after the primary commits it.
 * (0.7.2 moves the primary's watermark to the batch's last row that was not
 * skipped; skipped trailing rows stayed pending and went again on every push.)
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { FILLER, MAX_ROWS_PER_STATEMENT } from '../../electron/core/engine-host/batched-insert.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const JOBS_PER_TRANSACTION = 1000;

interface Step {
  stmt?: { sql?: string; args?: { value?: unknown }[] };
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return '';
}

/** The ids of the `table` rows a push request carries, merged statements unpacked (their columns are sorted, `id` among them). */
function rowIdsIn(body: string, table: string): string[] {
  if (!body.includes('"COMMIT"')) return [];
  const steps = (JSON.parse(body) as { requests: { batch?: { steps: Step[] } }[] }).requests.flatMap((r) => r.batch?.steps ?? []);
  const ids: string[] = [];
  for (const { stmt } of steps) {
    const sql = stmt?.sql ?? '';
    const head = /^REPLACE INTO `(\w+)`\(([^)]*)\)/.exec(sql);
    if (!head || head[1] !== table) continue;
    const idAt = head[2]!.split(',').indexOf('`id`');
    const args = (stmt?.args ?? []).map((a) => a.value);
    if (sql.includes('FROM json_each(?)')) ids.push(...(JSON.parse(String(args[0])) as string[][]).map((row) => row[idAt]!));
    else ids.push(String(args[idAt]));
  }
  return ids;
}

async function addJobs(replica: Replica, count: number): Promise<void> {
  let now = Date.parse('2026-11-30T08:00:00Z');
  const edits: EditContext = { clock: new HybridClock('device-a', () => (now += 1)), deviceId: 'device-a', actor: () => 'Ana Ruiz', now: () => new Date(now) };
  await replica.db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await recordEdit(tx, edits, jobEntity, { entityId: uuidv7(), kind: 'create', values: { title: `Pump check #${i}`, description: '', priority: 'normal', status: 'open', assignee: null, dueDate: null, siteId: null } });
    }
  });
}

const sorted = (ids: string[]) => [...ids].sort();
const column = async (rows: Promise<unknown[][]>) => (await rows).map((row) => String(row[0]));

describe('a run of new rows as one statement, pushed', () => {
  it('sends every row of 1,000-job transactions to the primary exactly once, leaves nothing pending, also across lost requests', async () => {
    const primary = await startPrimary();
    /** Bodies the primary received (a request lost before sending is not one of them). */
    const delivered: string[] = [];
    let lose: 'before' | 'after' | null = null;
    const replica = await openReplica({
      path: path.join(tempDir(), 'a.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      connector: engineHostConnector(),
      pushOperationsThreshold: 250,
      fetch: async (input, init) => {
        const body = bodyText(init?.body);
        const isRowBatch = body.includes('REPLACE INTO `jobs`');
        if (isRowBatch && lose === 'before') {
          lose = null;
          throw new TypeError('fetch failed (test: lost before sending)');
        }
        const response = await fetch(input, init);
        delivered.push(body);
        if (isRowBatch && lose === 'after') {
          lose = null;
          throw new TypeError('fetch failed (test: response lost after the primary committed)');
        }
        return response;
      },
    });
    try {
      await migrate(replica.db, MIGRATIONS);
      await replica.push();
      delivered.length = 0;

      await addJobs(replica, JOBS_PER_TRANSACTION);
      await addJobs(replica, JOBS_PER_TRANSACTION);
      await replica.push();
      const rowBatches = delivered.filter((b) => rowIdsIn(b, 'jobs').length > 0);
      expect(rowBatches.length).toBeGreaterThanOrEqual(2);
      // Runs longer than one statement takes: several merged statements per request.
      const merged = [...rowBatches.join('\n').matchAll(/FROM json_each\(\?\) \/\*rows:(\d+)\*\//g)].map((m) => Number(m[1]));
      expect(Math.max(...merged)).toBe(MAX_ROWS_PER_STATEMENT);
      expect(merged.length).toBeGreaterThanOrEqual(4 * 2);
      // The carried rows are skipped, except each transaction's last new row (a no-op step: the batch may end there).
      const fillers = rowBatches.join('\n').split(`"sql":"${FILLER.sql}"`).length - 1;
      expect(fillers).toBe(2);

      const localJobs = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM jobs').then((rows) => rows.map((r) => [r.id])));
      const localChanges = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM changes').then((rows) => rows.map((r) => [r.id])));
      expect(localJobs).toHaveLength(2 * JOBS_PER_TRANSACTION);
      expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM jobs')))).toEqual(sorted(localJobs));
      expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM changes')))).toEqual(sorted(localChanges));
      expect(await replica.pendingChanges()).toBe(0);
      // Exactly once: every row in the requests the primary got, none twice.
      expect(sorted(delivered.flatMap((b) => rowIdsIn(b, 'jobs')))).toEqual(sorted(localJobs));
      expect(sorted(delivered.flatMap((b) => rowIdsIn(b, 'changes')))).toEqual(sorted(localChanges));

      // Nothing left: another push sends no row again.
      delivered.length = 0;
      await replica.push();
      expect(delivered.flatMap((b) => rowIdsIn(b, 'jobs'))).toEqual([]);

      // A request lost before it reaches the primary, then one whose answer is lost after the primary committed it:
      // each push that follows resumes from the primary's watermark, so no row is lost or sent twice.
      for (const loss of ['before', 'after'] as const) {
        delivered.length = 0;
        // Smaller here (the suite's time): still two requests, each with a run longer than one statement.
        await addJobs(replica, 300);
        await addJobs(replica, 300);
        const before = new Set(await column(primarySql(primary.url, 'SELECT id FROM jobs')));
        lose = loss;
        await expect(replica.push()).rejects.toThrow();
        await replica.push();
        const jobs = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM jobs').then((rows) => rows.map((r) => [r.id])));
        const changes = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM changes').then((rows) => rows.map((r) => [r.id])));
        expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM jobs')))).toEqual(sorted(jobs));
        expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM changes')))).toEqual(sorted(changes));
        expect(await replica.pendingChanges()).toBe(0);
        expect(sorted(delivered.flatMap((b) => rowIdsIn(b, 'jobs')))).toEqual(sorted(jobs.filter((id) => !before.has(id))));
      }
    } finally {
      await replica.close();
      await primary.stop();
    }
  }, 180_000);
  it('a push that starts while a transaction is open sends nothing before the commit and every row once (its sliced change-table reads wait for the commit)', async () => {
    const primary = await startPrimary();
    const delivered: string[] = [];
    const replica = await openReplica({
      path: path.join(tempDir(), 'c.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      connector: engineHostConnector(),
      pushOperationsThreshold: 250,
      fetch: async (input, init) => {
        delivered.push(bodyText(init?.body));
        return fetch(input, init);
      },
    });
    try {
      await migrate(replica.db, MIGRATIONS);
      await replica.push();
      await addJobs(replica, 300);
      delivered.length = 0;
      let now = Date.parse('2026-11-30T09:00:00Z');
      const edits: EditContext = { clock: new HybridClock('device-a', () => (now += 1)), deviceId: 'device-a', actor: () => 'Ana Ruiz', now: () => new Date(now) };
      let pushed: Promise<void> | null = null;
      let sentBeforeCommit = 0;
      await replica.db.transaction(async (tx) => {
        for (let i = 0; i < 200; i++) {
          await recordEdit(tx, edits, jobEntity, { entityId: uuidv7(), kind: 'create', values: { title: `Open #${i}`, description: '', priority: 'normal', status: 'open', assignee: null, dueDate: null, siteId: null } });
          // The push begins half-way through the transaction: its plan read waits for the commit.
          if (i === 100) pushed = replica.push();
        }
        // Several turns of the loop while the transaction is still open.
        for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
        sentBeforeCommit = delivered.filter((b) => rowIdsIn(b, 'jobs').length > 0).length;
      });
      await pushed;
      await replica.push();
      expect(sentBeforeCommit).toBe(0);
      const localJobs = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM jobs').then((rows) => rows.map((r) => [r.id])));
      expect(localJobs).toHaveLength(500);
      expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM jobs')))).toEqual(sorted(localJobs));
      expect(sorted(delivered.flatMap((b) => rowIdsIn(b, 'jobs')))).toEqual(sorted(localJobs));
      expect(await replica.pendingChanges()).toBe(0);
    } finally {
      await replica.close();
      await primary.stop();
    }
  }, 120_000);

  it('a pull with unpushed new rows replays them locally through the transform, losing none and running no statement that returns rows', async () => {
    const primary = await startPrimary();
    const replica = await openReplica({
      path: path.join(tempDir(), 'b.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      connector: engineHostConnector(),
      pushOperationsThreshold: 250,
    });
    try {
      await migrate(replica.db, MIGRATIONS);
      await replica.push();
      // After a push the host's connection carries the transform; the pull below runs on it.
      await addJobs(replica, 2);
      await replica.push();
      // Unpushed: runs of new rows in two transactions, so a carried row has no plan (only a push reads one).
      await addJobs(replica, 3);
      await addJobs(replica, 3);
      // Something new on the primary, so the pull applies it and replays the laptop's unpushed rows on top.
      await primarySql(primary.url, "INSERT INTO sites (id, name, address, created_at, created_by, updated_at, updated_by) VALUES ('site-from-elsewhere', 'Depot', '', '2026-11-30', 'Bo', '2026-11-30', 'Bo')");
      expect(await replica.pull()).toBe(true);
      const localJobs = await column(replica.db.all<Record<string, unknown>>('SELECT id FROM jobs').then((rows) => rows.map((r) => [r.id])));
      expect(localJobs).toHaveLength(8);
      expect(await replica.db.get('SELECT name FROM sites WHERE id = ?', ['site-from-elsewhere'])).toEqual({ name: 'Depot' });
      await replica.push();
      expect(sorted(await column(primarySql(primary.url, 'SELECT id FROM jobs')))).toEqual(sorted(localJobs));
      expect(await replica.pendingChanges()).toBe(0);
    } finally {
      await replica.close();
      await primary.stop();
    }
  }, 120_000);
});
