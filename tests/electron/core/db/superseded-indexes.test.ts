import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/core/db/migrate.js';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { droppedIndexes, withSupersededIndexesEmpty } from '../../../../electron/core/db/superseded-indexes.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import type { Migration } from '../../../../migrations/types.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, sql });
const open = () => openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null });
const schemaOf = async (db: Awaited<ReturnType<typeof open>>['db']) =>
  db.all<{ type: string; name: string; sql: string | null }>(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'turso%' ORDER BY type, name`);

describe('indexes a later pending migration drops', () => {
  it('are created empty by the earlier ones; other statements, a re-created index and the dropping step stay as written', () => {
    const pending = [
      m(
        1,
        `CREATE TABLE IF NOT EXISTS t (a, b);\nCREATE INDEX IF NOT EXISTS t_a ON t (a);\ncreate unique index if not exists T_B on t ((CASE b WHEN 1 THEN 2 END), a) ;\n` +
          `CREATE INDEX IF NOT EXISTS t_ab ON t (a, b);\nCREATE INDEX IF NOT EXISTS t_p ON t (b) WHERE b IS NOT NULL`,
      ),
      m(2, `DROP INDEX IF EXISTS t_a;\nDROP INDEX IF EXISTS t_b;\nDROP INDEX IF EXISTS t_p;`),
      m(3, `CREATE INDEX IF NOT EXISTS t_a ON t (a, b);`),
    ];
    const out = withSupersededIndexesEmpty(pending);
    expect(out.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(out[0]!.sql).toBe(
      `CREATE TABLE IF NOT EXISTS t (a, b);\nCREATE INDEX IF NOT EXISTS t_a ON t (a) WHERE 0;\ncreate unique index if not exists T_B on t ((CASE b WHEN 1 THEN 2 END), a) WHERE 0 ;\n` +
        `CREATE INDEX IF NOT EXISTS t_ab ON t (a, b);\nCREATE INDEX IF NOT EXISTS t_p ON t (b) WHERE 0 AND (b IS NOT NULL)`,
    );
    expect(out[1]).toBe(pending[1]);
    // Nothing after it drops t_a again: the new definition is built.
    expect(out[2]).toBe(pending[2]);
    expect(droppedIndexes(pending[1]!.sql)).toEqual(['t_a', 't_b', 't_p']);
  });

  it("in Fieldbook's migrations from an empty file: exactly the four indexes migrations 9 and 10 drop; none once those that create them ran", () => {
    const empty = withSupersededIndexesEmpty(MIGRATIONS).flatMap((x) => [...x.sql.matchAll(/CREATE INDEX IF NOT EXISTS (\w+) ON [^;]* WHERE 0;/g)].map((r) => r[1]!));
    expect(empty.sort()).toEqual(['changes_hlc_idx', 'jobs_due_idx', 'jobs_priority_idx', 'jobs_status_due_idx']);
    // A replica at version 4 already has them all: its pending steps run as written.
    expect(withSupersededIndexesEmpty(MIGRATIONS.slice(4))).toEqual(MIGRATIONS.slice(4));
  });

  it('leave an empty replica with the same schema as every migration run as written, one run at a time', async () => {
    const fresh = await open();
    const stepwise = await open();
    try {
      expect((await migrate(fresh.db, MIGRATIONS)).applied).toHaveLength(MIGRATIONS.length);
      for (let v = 1; v <= MIGRATIONS.length; v++) await migrate(stepwise.db, MIGRATIONS.slice(0, v));
      const schema = await schemaOf(fresh.db);
      expect(schema.map((r) => r.name)).toContain('changes_stamp_idx');
      expect(schema.map((r) => r.name)).not.toContain('changes_hlc_idx');
      expect(schema).toEqual(await schemaOf(stepwise.db));
    } finally {
      await fresh.close();
      await stepwise.close();
    }
  });
});
