import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * Replicas that migrated offline replay their DDL on top of the primary's, so
 * every statement must be idempotent and additive (see migrations/types.ts).
 */
const ALLOWED = [/^CREATE TABLE IF NOT EXISTS /i, /^CREATE (UNIQUE )?INDEX IF NOT EXISTS /i, /^ALTER TABLE \w+ ADD COLUMN /i];

function statements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.replace(/--.*$/gm, '').trim())
    .filter(Boolean);
}

describe('migrations', () => {
  for (const migration of MIGRATIONS) {
    it(`${migration.version} ${migration.name} is additive and idempotent`, () => {
      const bad = statements(migration.sql).filter((s) => !ALLOWED.some((re) => re.test(s)));
      expect(bad).toEqual([]);
    });
  }
});
