/**
 * In a run of migrations, every index that a later migration of the same run
 * drops is created empty (`… WHERE 0`).
 *
 * Why: a replica pushes its migrations' DDL, and the primary replays it. A new
 * laptop migrates its empty file from version 0 before its first pull, so the
 * primary used to replay `CREATE INDEX IF NOT EXISTS` for indexes that later
 * migrations had dropped (migration 9's three job indexes, migration 10's
 * `changes_hlc_idx`), building each over the whole team's data and dropping it
 * again in the same transaction. The pages that wrote went to the WAL the sync
 * server serves: at 5,000 jobs × 40 the laptop downloaded 151 pages more than the
 * primary had (804 frames written by one join), and every laptop already joined
 * would pull them too.
 *
 * Empty, not left out: the statement stays a no-op on a primary that still has
 * the index (a team on an older version), and the later `DROP INDEX` then finds
 * it locally, so it is pushed and drops the primary's real one as before. Left
 * out, the local DROP would find nothing, push nothing, and leave such a primary
 * with the index while recording the new version.
 *
 * A replica that already has the index (it ran the creating migration in an
 * earlier run) is not affected: only statements of migrations still pending are
 * rewritten, and the dropping migration runs as written.
 */
import type { Migration } from '../../../migrations/types.js';
import { indexDropsIn } from './replay-safe-drops.js';

const CREATE = /(CREATE\s+(?:UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+ON\b[^;]*?)(\s*)(;|$)/gi;

/** Names of the indexes `sql` drops, lower-cased (SQL names are case-insensitive), read as the migration runner reads them. */
export function droppedIndexes(sql: string): string[] {
  return indexDropsIn(sql).map((name) => name.toLowerCase());
}

/** The same index, holding no rows: a partial index's condition gets `0 AND` in front. */
function emptied(statement: string): string {
  const where = /\bWHERE\b([\s\S]*)$/i.exec(statement);
  return where ? `${statement.slice(0, where.index)}WHERE 0 AND (${where[1]!.trim()})` : `${statement} WHERE 0`;
}

/**
 * `pending` (in order) with each `CREATE INDEX IF NOT EXISTS x …` made empty when
 * a later migration of `pending` drops `x`. Versions and names are unchanged.
 */
export function withSupersededIndexesEmpty(pending: readonly Migration[]): Migration[] {
  return pending.map((m, i) => {
    const droppedLater = new Set(pending.slice(i + 1).flatMap((later) => droppedIndexes(later.sql)));
    if (droppedLater.size === 0) return m;
    const sql = m.sql.replace(CREATE, (whole, statement: string, name: string, space: string, end: string) =>
      droppedLater.has(name.toLowerCase()) ? `${emptied(statement)}${space}${end}` : whole,
    );
    return sql === m.sql ? m : { ...m, sql };
  });
}
