/**
 * Two laptops at version 8 both update to 10 (migrations 9 and 10 drop four indexes) with offline
 * edits before and after, then sync in either order, in-process and through the engine host (with its
 * transform). 0.7.2 replays a captured DROP INDEX without IF EXISTS, so the second laptop used to fail
 * every pull ("No such index: jobs_status_due_idx") until Repair (electron/core/db/replay-safe-drops.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { openReplica, type EngineConnector, type Replica } from '../../electron/core/db/replica.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const DROPPED = ['changes_hlc_idx', 'jobs_due_idx', 'jobs_priority_idx', 'jobs_status_due_idx'];
const BEFORE_DROPS = MIGRATIONS.findIndex((m) => m.name === 'lean-download');

const indexNames = `SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite%' ORDER BY name`;

async function insertJobs(replica: Replica, prefix: string, count: number): Promise<string[]> {
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await replica.db.transaction(async (tx) => {
    for (const id of ids) {
      await tx.run(`INSERT INTO jobs (id, title, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)`, [id, `job ${id}`, now, prefix, now, prefix]);
    }
  });
  return ids;
}

/** Sync as the app does after being offline: pull (replaying unpushed local changes), then push; or push first (the drop goes to the primary as it is). */
async function sync(replica: Replica, pushFirst = false): Promise<void> {
  if (pushFirst) await replica.push();
  await replica.pull();
  await replica.push();
}

async function scenario(order: 'teammate first' | 'this laptop first', connector?: () => EngineConnector, pushFirst = false): Promise<void> {
  expect(BEFORE_DROPS).toBe(8);
  const primary = await startPrimary();
  const dir = tempDir('fieldbook-drops-');
  const online = { x: true, c: true };
  const open = (name: 'x' | 'c') =>
    openReplica({
      path: path.join(dir, name, 'fieldbook.db'),
      remote: () => (online[name] ? { url: primary.url, authToken: null } : null),
      ...(connector ? { connector: connector() } : {}),
    });
  const x = await open('x');
  const c = await open('c');
  try {
    await migrate(x.db, MIGRATIONS.slice(0, BEFORE_DROPS));
    const expected = await insertJobs(x, 'synced', 3);
    await x.push();
    await c.pull();
    expect(await c.db.all(indexNames)).toEqual(await x.db.all(indexNames));
    expect((await c.db.all<{ name: string }>(indexNames)).map((r) => r.name)).toEqual(expect.arrayContaining(DROPPED));

    // Both go offline at version 8, edit, update Fieldbook (migrations 9 and 10 run locally), edit again.
    online.x = online.c = false;
    for (const [replica, name] of [[x, 'x'], [c, 'c']] as const) {
      expected.push(...(await insertJobs(replica, `${name}-before`, 4)));
      expect((await migrate(replica.db, MIGRATIONS)).applied).toEqual([9, 10]);
      expected.push(...(await insertJobs(replica, `${name}-after`, 4)));
    }

    const [first, second] = order === 'teammate first' ? (['c', 'x'] as const) : (['x', 'c'] as const);
    online[first] = true;
    await sync(first === 'x' ? x : c);
    online[second] = true;
    // The second laptop's pull replays its migration's drops over a primary that already dropped them.
    await sync(second === 'x' ? x : c, pushFirst);
    await x.pull();
    await c.pull();
    // A later cycle on each finds nothing wrong and nothing left to push.
    for (const replica of [x, c]) {
      await sync(replica);
      expect(await replica.pendingChanges()).toBe(0);
    }

    expected.sort();
    const onPrimary = (await primarySql(primary.url, 'SELECT id FROM jobs ORDER BY id')).map((r) => r[0]);
    expect(onPrimary).toEqual(expected);
    const primaryIndexes = (await primarySql(primary.url, indexNames)).map((r) => String(r[0]));
    for (const name of DROPPED) expect(primaryIndexes).not.toContain(name);
    expect(primaryIndexes).toContain('changes_stamp_idx');
    expect(primaryIndexes).toContain('jobs_due_sort_idx');
    expect(Number((await primarySql(primary.url, 'SELECT max(version) FROM schema_migrations'))[0]![0])).toBe(10);
    // No placeholder (replay-safe-drops.ts) is left anywhere.
    expect(await primarySql(primary.url, `SELECT name FROM sqlite_schema WHERE tbl_name = 'schema_migrations' AND type = 'index' AND name NOT LIKE 'sqlite%'`)).toEqual([]);
    for (const replica of [x, c]) {
      expect((await replica.db.all<{ id: string }>('SELECT id FROM jobs ORDER BY id')).map((r) => r.id)).toEqual(expected);
      expect((await replica.db.all<{ name: string }>(indexNames)).map((r) => r.name)).toEqual(primaryIndexes);
      expect(await schemaVersion(replica.db)).toBe(10);
    }
  } finally {
    await x.close();
    await c.close();
  }
}

describe('migrations that drop indexes, on laptops that update one after the other', () => {
  it('the teammate syncs version 10 first: this laptop, migrated offline, still pulls and pushes', () => scenario('teammate first'));
  it('this laptop syncs version 10 first: the teammate, migrated offline, still pulls and pushes', () => scenario('this laptop first'));
  it('the teammate first, and this laptop pushes before it pulls: the primary takes the drop', () => scenario('teammate first', undefined, true));
  it('the same through the engine host and its push transform, teammate first', () => scenario('teammate first', () => engineHostConnector()));
  it('the same through the engine host and its push transform, this laptop first', () => scenario('this laptop first', () => engineHostConnector()));

  it('a laptop at 8 that migrates offline after the primary reached 10 (the reported case) keeps syncing', async () => {
    const primary = await startPrimary();
    const dir = tempDir('fieldbook-drops-');
    const online = { value: true };
    const open = (name: string) => openReplica({ path: path.join(dir, name, 'fieldbook.db'), remote: () => (online.value ? { url: primary.url, authToken: null } : null) });
    const x = await open('x');
    const c = await open('c');
    try {
      await migrate(x.db, MIGRATIONS.slice(0, BEFORE_DROPS));
      await x.push();
      await c.pull();
      await migrate(c.db, MIGRATIONS);
      await c.push();
      online.value = false;
      await migrate(x.db, MIGRATIONS);
      const ids = await insertJobs(x, 'x', 2);
      online.value = true;
      await x.pull();
      await x.push();
      await x.pull();
      await c.pull();
      expect((await c.db.all<{ id: string }>('SELECT id FROM jobs ORDER BY id')).map((r) => r.id)).toEqual(ids);
      const left = (await x.db.all<{ name: string }>(indexNames)).map((r) => r.name);
      for (const name of DROPPED) expect(left).not.toContain(name);
    } finally {
      await x.close();
      await c.close();
    }
  });
});
