import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * Replicas that migrated offline replay their DDL on top of the primary's, so
 * every statement must be idempotent and additive (see migrations/types.ts).
 */
// An index can go (migration 9): no row depends on it, and dropping an absent one is a no-op.
const ALLOWED = [/^CREATE TABLE IF NOT EXISTS /i, /^CREATE (UNIQUE )?INDEX IF NOT EXISTS /i, /^ALTER TABLE \w+ ADD COLUMN /i, /^DROP INDEX IF EXISTS \w+$/i];

function statements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.replace(/--.*$/gm, '').trim())
    .filter(Boolean);
}

describe('migrations', () => {
  for (const migration of MIGRATIONS) {
    it(`${migration.version} ${migration.name} keys every table by text, never by rowid`, () => {
      // Inserts into rowid-keyed tables are replayed by rowid on pull, so a local row
      // inserted offline would overwrite a remote row that got the same rowid.
      const tables = statements(migration.sql).filter((s) => /^CREATE TABLE/i.test(s));
      for (const table of tables) {
        expect(table, table.slice(0, 60)).not.toMatch(/INTEGER\s+PRIMARY\s+KEY|AUTOINCREMENT|WITHOUT\s+ROWID/i);
        expect(table, table.slice(0, 60)).toMatch(/\bid\s+TEXT\s+PRIMARY\s+KEY\b/i);
      }
    });
    it(`${migration.version} ${migration.name} is additive and idempotent`, () => {
      const bad = statements(migration.sql).filter((s) => !ALLOWED.some((re) => re.test(s)));
      expect(bad).toEqual([]);
    });
  }
});
