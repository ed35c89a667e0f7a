/**
 * Applies `migrations/` in order. The applied versions live in a synced table,
 * so a replica that pulls a schema another laptop already migrated sees it as
 * done; each step and its bookkeeping row commit together.
 */
import { AppError } from '../../../shared/errors.js';
import type { Migration } from '../../../migrations/types.js';
import type { Queryable, Db } from './database.js';
import { withSupersededIndexesEmpty } from './superseded-indexes.js';
import { execMigrationSql } from './replay-safe-drops.js';

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${index + 1}: versions must be 1, 2, 3 … without gaps`);
    }
  });
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const table = await db.get<{ name: string }>(
    `SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`,
  );
  if (!table) return 0;
  const row = await db.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return Number(row?.v ?? 0);
}

export function assertNotFromFuture(version: number, latest: number): void {
  if (version > latest) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `This workspace uses schema version ${version}, but this copy of Fieldbook only knows up to ${latest}. ` +
        'Another laptop upgraded it: update Fieldbook to keep working. Your data has not been changed.',
    );
  }
}

export async function migrate(
  db: Db,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): Promise<MigrationReport> {
  checkMigrationOrder(migrations);
  const latest = migrations.length;
  const from = await schemaVersion(db);
  assertNotFromFuture(from, latest);
  const applied: number[] = [];
  // Indexes a later pending step drops are created empty (superseded-indexes.ts: the primary replays the DDL).
  for (const m of withSupersededIndexesEmpty(migrations.slice(from))) {
    await db.transaction(async (tx) => {
      await tx.exec(BOOKKEEPING);
      // Index drops are run so that sync can replay them on any primary (replay-safe-drops.ts).
      await execMigrationSql(tx, m.sql);
      await tx.run('INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now().toISOString(),
      ]);
    });
    applied.push(m.version);
  }
  return { from, to: Math.max(from, latest), applied };
}
