import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { dropIndexReplaySafely, execMigrationSql, splitIndexDrops } from '../../../../electron/core/db/replay-safe-drops.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const open = () => openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null });
const capture = async (db: Awaited<ReturnType<typeof open>>['db']) => (await db.get<{ mode: string }>('PRAGMA capture_data_changes_conn'))?.mode;
const lastChange = async (db: Awaited<ReturnType<typeof open>>['db']) => Number((await db.get<{ m: number }>('SELECT max(change_id) AS m FROM turso_cdc'))?.m ?? 0);

describe('index drops of a migration', () => {
  it('are split out in order, in either form; other SQL stays as written', () => {
    expect(splitIndexDrops(`CREATE TABLE IF NOT EXISTS t (a);\ndrop index if exists T_A;\nDROP INDEX t_b ;CREATE INDEX IF NOT EXISTS t_c ON t (a);`)).toEqual([
      { sql: `CREATE TABLE IF NOT EXISTS t (a);\n` },
      { dropIndex: 'T_A' },
      { dropIndex: 't_b' },
      { sql: `CREATE INDEX IF NOT EXISTS t_c ON t (a);` },
    ]);
  });

  it('any other DROP is refused, so no migration can ship one that replays unguarded', () => {
    expect(() => splitIndexDrops('DROP TABLE IF EXISTS t;')).toThrow(/cannot replay safely/);
    expect(() => splitIndexDrops('DROP VIEW v;')).toThrow(/cannot replay safely/);
    expect(() => splitIndexDrops('DROP INDEX "quoted name";')).toThrow(/cannot replay safely/);
  });

  it("in Fieldbook's migrations: every one splits, and the drops are migration 9's and 10's four indexes", () => {
    const drops = MIGRATIONS.flatMap((m) => splitIndexDrops(m.sql).flatMap((p) => ('dropIndex' in p ? [`${m.version}:${p.dropIndex}`] : [])));
    expect(drops).toEqual(['9:jobs_status_due_idx', '9:jobs_priority_idx', '9:jobs_due_idx', '10:changes_hlc_idx']);
  });

  it('leave the index gone and capture a placeholder created and dropped, not the drop of the real index; capture stays on', async () => {
    const replica = await open();
    try {
      await replica.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY); CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT); CREATE INDEX t_a ON t (a)`);
      const before = await lastChange(replica.db);
      await replica.db.transaction((tx) => execMigrationSql(tx, 'DROP INDEX IF EXISTS t_a; DROP INDEX IF EXISTS never_was;'));
      expect(await replica.db.all(`SELECT name FROM sqlite_schema WHERE name IN ('t_a', 'never_was')`)).toEqual([]);
      const captured = await replica.db.all<{ change_type: number; table_name: string | null }>(
        'SELECT change_type, table_name FROM turso_cdc WHERE change_id > ? ORDER BY change_id',
        [before],
      );
      // Per index: the placeholder's CREATE (1) and DROP (-1); then the commit (2). The real t_a's drop (-1 first) is not among them.
      expect(captured.map((c) => `${c.change_type}:${c.table_name}`)).toEqual(['1:sqlite_schema', '-1:sqlite_schema', '1:sqlite_schema', '-1:sqlite_schema', '2:null']);
      expect(await capture(replica.db)).toBe('full');
      const mark = await lastChange(replica.db);
      await replica.db.run(`INSERT INTO t VALUES ('r1', 'x')`);
      expect(await lastChange(replica.db)).toBeGreaterThan(mark);
    } finally {
      await replica.close();
    }
  });

  it('turn capture back on when the drop fails', async () => {
    const replica = await open();
    try {
      await replica.db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, b TEXT UNIQUE)`);
      const auto = (await replica.db.get<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 't' LIMIT 1`))!.name;
      await expect(replica.db.transaction((tx) => dropIndexReplaySafely(tx, auto))).rejects.toThrow();
      expect(await capture(replica.db)).toBe('full');
    } finally {
      await replica.close();
    }
  });
});
