/**
 * Compact push statements (engine-host/compact-push.ts): a never-synced
 * replica served by the engine host pushes its schema with the engine's own
 * statements, then new job and change-log rows as short REPLACE statements
 * (a transaction's run of them as one statement per table),
 * and the primary ends up with exactly the laptop's rows; later edits
 * (updates keep the engine's statements) and a second laptop converge.
 * Real primary, real host process, real replica files.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { compactInsert, pushBatchInfo } from '../../electron/core/engine-host/compact-push.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const JOB_COLUMNS = 'id, title, description, site_id, priority, status, assignee, assignee_id, due_date, created_at, created_by, updated_at, updated_by, deleted_at';
const CHANGE_COLUMNS = 'id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at';

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return '';
}

function editContext(deviceId: string): EditContext {
  let now = Date.parse('2026-11-30T08:00:00Z');
  return { clock: new HybridClock(deviceId, () => (now += 1)), deviceId, actor: () => 'Ana Ruiz', now: () => new Date(now) };
}

async function addJobs(replica: Replica, edits: EditContext, count: number, perTransaction: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += perTransaction) {
    await replica.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + perTransaction); i++) {
        const id = uuidv7();
        ids.push(id);
        await recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'create', values: { title: `Pump check #${i}`, description: `Visit ${i}: bring "gaskets" and a 10 mm key`, priority: 'normal', status: 'open', assignee: i % 2 ? 'Ana Ruiz' : null, dueDate: i % 3 ? '2027-01-15' : null, siteId: null } });
      }
    });
  }
  return ids;
}

/** Rows as text, in id order, so the laptop's and the primary's compare cell by cell. */
async function localRows(replica: Replica, table: string, columns: string): Promise<(string | null)[][]> {
  const rows = await replica.db.all<Record<string, unknown>>(`SELECT ${columns} FROM ${table} ORDER BY id`);
  return rows.map((row) => Object.values(row).map((v) => (v === null ? null : String(v))));
}

async function primaryRows(url: string, table: string, columns: string): Promise<(string | null)[][]> {
  return (await primarySql(url, `SELECT ${columns} FROM ${table} ORDER BY id`)).map((row) => row.map((v) => (v === null ? null : String(v))));
}

describe('compact push statements', () => {
  it('rewrites only inserts into the listed tables, as REPLACE with every column of the row', () => {
    const rewritten = compactInsert({ changeTime: 0, tableName: 'jobs', id: 1, changeType: 'insert' as never, after: { title: 'T', id: 'a', due_date: null } });
    expect(rewritten).toEqual({ operation: 'rewrite', stmt: { sql: 'REPLACE INTO `jobs`(`due_date`,`id`,`title`) VALUES(?,?,?)', values: [null, 'a', 'T'] } });
    expect(compactInsert({ changeTime: 0, tableName: 'jobs', id: 1, changeType: 'update' as never, before: { id: 'a' }, after: { id: 'a' }, updates: { title: 'U' } })).toBeNull();
    expect(compactInsert({ changeTime: 0, tableName: 'sites', id: 1, changeType: 'insert' as never, after: { id: 'a' } })).toBeNull();
  });

  it('reads a push batch: how far it takes the primary, and whether it replays schema', () => {
    const batch = (sqls: string[]) =>
      new TextEncoder().encode(
        JSON.stringify({
          requests: [{ type: 'batch', batch: { steps: sqls.map((sql) => ({ stmt: { sql, args: sql.startsWith('INSERT INTO turso_sync_last_change_id') ? [{ value: 'c' }, { value: '0' }, { value: '42' }] : [] } })) } }],
        }),
      );
    const bookkeeping = 'CREATE TABLE IF NOT EXISTS turso_sync_last_change_id (client_id TEXT PRIMARY KEY)';
    const watermark = 'INSERT INTO turso_sync_last_change_id(client_id, pull_gen, change_id) VALUES (?, ?, ?)';
    expect(pushBatchInfo(batch(['BEGIN IMMEDIATE', bookkeeping, 'REPLACE INTO `jobs`(`id`) VALUES(?)', watermark, 'COMMIT']))).toEqual({ upTo: 42, hasSchema: false });
    expect(pushBatchInfo(batch(['BEGIN IMMEDIATE', bookkeeping, 'CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY)', watermark]))).toEqual({ upTo: 42, hasSchema: true });
    expect(pushBatchInfo(batch(['SELECT pull_gen, change_id FROM turso_sync_last_change_id WHERE client_id = ?']))).toBeNull();
    expect(pushBatchInfo(new TextEncoder().encode('not json'))).toBeNull();
  });

  it('a never-synced laptop pushes its schema plain, then its rows compact; the primary holds exactly its rows, and edits and a second laptop converge', async () => {
    const primary = await startPrimary();
    const bodies: string[] = [];
    const dir = tempDir();
    const replica = await openReplica({
      path: path.join(dir, 'a.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      connector: engineHostConnector(),
      pushOperationsThreshold: 40,
      fetch: async (input, init) => {
        bodies.push(bodyText(init?.body));
        return fetch(input, init);
      },
    });
    const other = await openReplica({ path: path.join(dir, 'b.db'), remote: () => ({ url: primary.url, authToken: null }), connector: engineHostConnector() });
    try {
      await migrate(replica.db, MIGRATIONS);
      const edits = editContext('device-a');
      // 60 jobs in transactions of 10 (20 row changes each): the schema batch, then several compact ones.
      const ids = await addJobs(replica, edits, 60, 10);
      await replica.push();

      const batches = bodies.filter((b) => b.includes('"COMMIT"'));
      expect(batches.length).toBeGreaterThanOrEqual(3);
      expect(batches[0]).toContain('CREATE TABLE IF NOT EXISTS jobs');
      expect(batches[0]).not.toContain('REPLACE INTO');
      const compactBatches = batches.filter((b) => b.includes('REPLACE INTO `jobs`'));
      expect(compactBatches.length).toBeGreaterThanOrEqual(1);
      // A batch's new jobs and change-log rows (10 of each per transaction) go as one statement per table (batched-insert.ts).
      const merged = [...compactBatches.join('\n').matchAll(/FROM json_each\(\?\) \/\*rows:(\d+)\*\//g)].map((m) => Number(m[1]));
      expect(merged.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...merged)).toBeGreaterThanOrEqual(10);
      for (const b of compactBatches) {
        expect(b).not.toContain('INSERT INTO \\"jobs\\"');
        expect(b).not.toContain('CREATE TABLE IF NOT EXISTS jobs');
      }
      expect(await primaryRows(primary.url, 'jobs', JOB_COLUMNS)).toEqual(await localRows(replica, 'jobs', JOB_COLUMNS));
      expect(await primaryRows(primary.url, 'changes', CHANGE_COLUMNS)).toEqual(await localRows(replica, 'changes', CHANGE_COLUMNS));
      expect((await localRows(replica, 'jobs', 'id')).length).toBe(60);

      // Next edits: an update (the engine's own statement) and new jobs, on the connection that now has the transform.
      await replica.db.transaction((tx) => recordEdit(tx, edits, jobEntity, { entityId: ids[3]!, kind: 'update', values: { title: 'Pump check #3, moved' } }));
      await addJobs(replica, edits, 5, 5);
      bodies.length = 0;
      await replica.push();
      const later = bodies.filter((b) => b.includes('"COMMIT"')).join('\n');
      expect(later).toContain('REPLACE INTO `jobs`');
      expect(later).toMatch(/UPDATE \\"jobs\\" SET/);
      expect(await primaryRows(primary.url, 'jobs', JOB_COLUMNS)).toEqual(await localRows(replica, 'jobs', JOB_COLUMNS));
      expect(await primaryRows(primary.url, 'changes', CHANGE_COLUMNS)).toEqual(await localRows(replica, 'changes', CHANGE_COLUMNS));

      // A pull on the compact connection (it replays nothing unpushed here) and a second laptop see the same rows.
      expect(typeof (await replica.pull())).toBe('boolean');
      await other.pull();
      expect(await localRows(other, 'jobs', JOB_COLUMNS)).toEqual(await localRows(replica, 'jobs', JOB_COLUMNS));
      expect(await localRows(other, 'changes', CHANGE_COLUMNS)).toEqual(await localRows(replica, 'changes', CHANGE_COLUMNS));

      // A schema change on the compact connection (a later migration): the pull and the push that follow
      // must not meet it with the transform (0.7.2 would abort the host), and its table reaches the primary.
      await replica.db.exec('CREATE TABLE IF NOT EXISTS later_notes (id TEXT PRIMARY KEY, body TEXT)');
      await replica.db.run('INSERT INTO later_notes (id, body) VALUES (?, ?)', ['n1', 'after the switch']);
      await addJobs(replica, edits, 3, 3);
      // The second laptop's job makes this pull apply remote changes and replay the unpushed local ones on top.
      const [fromOther] = await addJobs(other, editContext('device-b'), 1, 1);
      await other.push();
      expect(await replica.pull()).toBe(true);
      expect(await localRows(replica, 'jobs', 'id')).toContainEqual([fromOther]);
      expect(await replica.db.get('SELECT body FROM later_notes WHERE id = ?', ['n1'])).toEqual({ body: 'after the switch' });
      bodies.length = 0;
      await replica.push();
      expect(bodies.filter((b) => b.includes('"COMMIT"')).join('\n')).toContain('CREATE TABLE IF NOT EXISTS later_notes');
      expect(await primarySql(primary.url, 'SELECT id, body FROM later_notes')).toEqual([['n1', 'after the switch']]);
      expect(await primaryRows(primary.url, 'jobs', JOB_COLUMNS)).toEqual(await localRows(replica, 'jobs', JOB_COLUMNS));
      expect(await primaryRows(primary.url, 'changes', CHANGE_COLUMNS)).toEqual(await localRows(replica, 'changes', CHANGE_COLUMNS));
    } finally {
      await replica.close();
      await other.close();
      await primary.stop();
    }
  }, 120_000);
});
