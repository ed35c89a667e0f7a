/**
 * Leaves out of a run of migrations every index that a later migration of the
 * same run drops.
 *
 * Why: a replica pushes its migrations' DDL, and the primary replays it. A new
 * laptop migrates its empty file from version 0 before its first pull, so the
 * primary used to replay `CREATE INDEX IF NOT EXISTS` for indexes that later
 * migrations had dropped (migration 9's three job indexes, migration 10's
 * `changes_hlc_idx`), building each over the whole team's data and dropping it
 * again in the same transaction. The pages that wrote went to the WAL the sync
 * server serves: at 5,000 jobs × 40 the laptop downloaded 151 pages more than the
 * primary had (804 frames written by one join), and every laptop already joined
 * would pull them too. Left out, the index never exists locally, so the later
 * `DROP INDEX IF EXISTS` finds nothing, and nothing of either is pushed.
 *
 * A replica that already has the index (it ran the creating migration in an
 * earlier run) is not affected: only statements of migrations still pending are
 * left out, and the dropping migration runs as written.
 */
import type { Migration } from '../../../migrations/types.js';

const DROP = /DROP\s+INDEX\s+IF\s+EXISTS\s+(\w+)/gi;
const CREATE = /CREATE\s+(?:UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+ON\b[^;]*;?/gi;

/** Names of the indexes `sql` drops. */
export function droppedIndexes(sql: string): string[] {
  return [...sql.matchAll(DROP)].map((m) => m[1]!.toLowerCase());
}

/**
 * `pending` (in order) with each `CREATE INDEX IF NOT EXISTS x …;` removed when a
 * later migration of `pending` drops `x`. Versions and names are unchanged.
 */
export function withoutSupersededIndexes(pending: readonly Migration[]): Migration[] {
  return pending.map((m, i) => {
    const droppedLater = new Set(pending.slice(i + 1).flatMap((later) => droppedIndexes(later.sql)));
    if (droppedLater.size === 0) return m;
    const sql = m.sql.replace(CREATE, (statement, name: string) => (droppedLater.has(name.toLowerCase()) ? '' : statement));
    return sql === m.sql ? m : { ...m, sql };
  });
}
