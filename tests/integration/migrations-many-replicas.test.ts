import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A laptop: its own replica file, online only while `online` is true. */
async function laptop(dir: string, name: string, url: string, online: { value: boolean }): Promise<Replica> {
  return openReplica({
    path: path.join(dir, name, 'fieldbook.db'),
    remote: () => (online.value ? { url, authToken: null } : null),
  });
}

async function insertJobs(replica: Replica, prefix: string, count: number): Promise<void> {
  const now = new Date().toISOString();
  await replica.db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await tx.run(
        `INSERT INTO jobs (id, title, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)`,
        [`${prefix}-${i}`, `${prefix} job ${i}`, now, prefix, now, prefix],
      );
    }
  });
}

const schemaOf = async (replica: Replica) =>
  (
    await replica.db.all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'turso%' AND name NOT LIKE 'sqlite%' AND sql IS NOT NULL ORDER BY name`,
    )
  ).map((r) => `${r.name}: ${r.sql.replace(/\s+/g, ' ')}`);

describe('migrations with many replicas', () => {
  it('two laptops that migrated offline join a primary that already holds schema and data from a third', async () => {
    const primary = await startPrimary();
    const dir = tempDir('fieldbook-laptops-');
    const onlineC = { value: true };
    const c = await laptop(dir, 'c', primary.url, onlineC);
    await migrate(c.db, MIGRATIONS);
    await insertJobs(c, 'c', 5);
    await c.push();

    const offline = { value: false };
    const a = await laptop(dir, 'a', primary.url, offline);
    const b = await laptop(dir, 'b', primary.url, offline);
    for (const [replica, prefix] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      expect((await migrate(replica.db, MIGRATIONS)).applied).toEqual(MIGRATIONS.map((m) => m.version));
      await insertJobs(replica, prefix, 7);
    }

    offline.value = true;
    for (const replica of [a, b]) {
      await replica.pull();
      await replica.push();
    }
    for (const replica of [a, b, c]) await replica.pull();

    const expectedIds = [
      ...Array.from({ length: 7 }, (_, i) => `a-${i}`),
      ...Array.from({ length: 7 }, (_, i) => `b-${i}`),
      ...Array.from({ length: 5 }, (_, i) => `c-${i}`),
    ].sort();
    const cSchema = await schemaOf(c);
    for (const replica of [a, b, c]) {
      const ids = (await replica.db.all<{ id: string }>('SELECT id FROM jobs ORDER BY id')).map((r) => r.id);
      expect(ids).toEqual(expectedIds);
      expect(await schemaOf(replica)).toEqual(cSchema);
      expect(await schemaVersion(replica.db)).toBe(MIGRATIONS.length);
      const versions = await replica.db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
      // Running the runner again after the merge finds nothing to do.
      expect((await migrate(replica.db, MIGRATIONS)).applied).toEqual([]);
    }
    const onPrimary = await primarySql(primary.url, 'SELECT id FROM jobs ORDER BY id');
    expect(onPrimary.map((r) => r[0])).toEqual(expectedIds);
    for (const replica of [a, b, c]) await replica.close();
  });

  it('an index a migration drops leaves the primary and every laptop that pulls, which keeps working from the same rows', async () => {
    const primary = await startPrimary();
    const dir = tempDir('fieldbook-laptops-');
    const online = { value: true };
    const before = MIGRATIONS.findIndex((m) => m.name === 'lean-download');
    expect(before).toBeGreaterThan(0);
    const a = await laptop(dir, 'a', primary.url, online);
    const b = await laptop(dir, 'b', primary.url, online);
    await migrate(a.db, MIGRATIONS.slice(0, before));
    await insertJobs(a, 'a', 5);
    await a.push();
    await b.pull();
    const indexes = async (replica: Replica) =>
      (await replica.db.all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'jobs' AND name LIKE 'jobs_%' ORDER BY name`)).map((r) => r.name);
    expect(await indexes(b)).toContain('jobs_due_idx');

    // Laptop a upgrades; b pulls the dropped indexes with the new version (and stops to ask for an update if it is older).
    await migrate(a.db, MIGRATIONS);
    await insertJobs(a, 'a2', 2);
    await a.push();
    await b.pull();
    for (const replica of [a, b]) {
      expect(await indexes(replica)).not.toContain('jobs_due_idx');
      expect(await indexes(replica)).not.toContain('jobs_status_due_idx');
      expect(await indexes(replica)).not.toContain('jobs_priority_idx');
      expect(await indexes(replica)).toContain('jobs_due_sort_idx');
      expect(await schemaVersion(replica.db)).toBe(MIGRATIONS.length);
      expect((await replica.db.all('SELECT id FROM jobs')).length).toBe(7);
    }
    const onPrimary = await primarySql(primary.url, `SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('jobs_due_idx', 'jobs_status_due_idx', 'jobs_priority_idx', 'jobs_due_sort_idx')`);
    expect(onPrimary.map((r) => r[0])).toEqual(['jobs_due_sort_idx']);
    // Replaying the migration (as a laptop that migrated offline does on pull) changes nothing.
    await b.db.exec(MIGRATIONS[before]!.sql);
    expect(await indexes(b)).toEqual(await indexes(a));
    for (const replica of [a, b]) await replica.close();
  });

  it('a new laptop that migrated its empty file first drops, on a primary of an older version, the indexes later migrations drop', async () => {
    // Such a laptop creates those indexes empty (db/superseded-indexes.ts); its DROP must still reach the primary.
    const primary = await startPrimary();
    const dir = tempDir('fieldbook-laptops-');
    const online = { value: true };
    const before = MIGRATIONS.findIndex((m) => m.name === 'lean-download');
    const old = await laptop(dir, 'old', primary.url, online);
    await migrate(old.db, MIGRATIONS.slice(0, before));
    await insertJobs(old, 'old', 5);
    await old.push();
    const gone = ['changes_hlc_idx', 'jobs_due_idx', 'jobs_priority_idx', 'jobs_status_due_idx'];
    const onPrimary = async () => (await primarySql(primary.url, `SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name`)).map((r) => String(r[0]));
    for (const name of gone) expect(await onPrimary()).toContain(name);

    const offline = { value: false };
    const fresh = await laptop(dir, 'new', primary.url, offline);
    expect((await migrate(fresh.db, MIGRATIONS)).applied).toHaveLength(MIGRATIONS.length);
    offline.value = true;
    await fresh.pull();
    await fresh.push();
    await old.pull();
    const indexes = await onPrimary();
    for (const name of gone) expect(indexes).not.toContain(name);
    expect(indexes).toContain('changes_stamp_idx');
    for (const replica of [fresh, old]) {
      expect(await schemaOf(replica)).toEqual(await schemaOf(fresh));
      expect(await schemaVersion(replica.db)).toBe(MIGRATIONS.length);
      expect((await replica.db.all('SELECT id FROM jobs')).length).toBe(5);
    }
    for (const replica of [fresh, old]) await replica.close();
  });
});
