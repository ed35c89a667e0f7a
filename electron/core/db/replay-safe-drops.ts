/**
 * A migration's `DROP INDEX` run so that the sync engine can replay it on any primary.
 *
 * Why: `@tursodatabase/sync` 0.7.2 captures a local DROP as the deletion of the
 * index's `sqlite_schema` row and replays it as `DROP index <name>`, without
 * `IF EXISTS` (`replay_info`, sync/engine/src/database_replay_generator.rs). A pull
 * replays the unpushed local changes on top of the primary's, so a laptop whose
 * migration dropped an index that another laptop had already dropped on the
 * primary failed every pull ("failed to replay local change after remote apply:
 * … No such index"), and a push-first sync failed the same way (measured: BATCH_STEP_ERROR). The
 * app's `transform` hook cannot help: the engine never hands it `sqlite_schema`
 * changes on a pull (`is_logically_replayable_table` rejects `sqlite_…` names).
 *
 * What replays safely is a captured CREATE (replayed as `CREATE … IF NOT EXISTS`
 * on both a push and a pull) followed by the captured DROP of the same name: the
 * drop then always finds an index, the primary's real one or the placeholder. So
 * the index is dropped with change capture off (that drop is local only and
 * never replayed), then a placeholder of the same name is created empty
 * (`WHERE 0`, on `schema_migrations`, which every migration step has) and dropped
 * with capture on. On a primary that still has the real index the placeholder's
 * CREATE is a no-op and the DROP removes the real one; on one that dropped it
 * already, an empty index is made and dropped again (a few pages).
 *
 * The uncaptured drop is undone with the rest of the unpushed local state when a
 * pull rolls the file back to the last synced revision, and the captured pair
 * replayed after it removes the index again, so the laptop ends without it either way.
 */
import type { Queryable } from './database.js';

/** A `DROP INDEX [IF EXISTS] name;` statement (a plain name, as migrations write it). */
const DROP_INDEX = /\bDROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?(\w+)\s*(?:;|$)/gi;
const ANY_DROP = /\bDROP\s+(INDEX|TABLE|VIEW|TRIGGER)\b/i;

/** The engine's change-capture setting on this connection (`PRAGMA capture_data_changes_conn`). */
const CAPTURE = 'capture_data_changes_conn';

/** Names of the indexes `sql` drops, as written (the one reading of a drop, shared with superseded-indexes.ts). */
export function indexDropsIn(sql: string): string[] {
  return [...sql.matchAll(DROP_INDEX)].map((m) => m[1]!);
}

export type MigrationPart = { sql: string } | { dropIndex: string };

/**
 * `sql` as parts run in order: the statements between index drops as written, and each index drop by name.
 * Any other DROP (or a drop this cannot read) is refused: it would be replayed unguarded.
 */
export function splitIndexDrops(sql: string): MigrationPart[] {
  const parts: MigrationPart[] = [];
  let from = 0;
  const keep = (text: string) => {
    if (ANY_DROP.test(text)) {
      throw new Error(`migration SQL holds a DROP that sync cannot replay safely (only "DROP INDEX [IF EXISTS] name;" is supported): ${text.trim().slice(0, 120)}`);
    }
    if (text.trim() !== '') parts.push({ sql: text });
  };
  for (const match of sql.matchAll(DROP_INDEX)) {
    keep(sql.slice(from, match.index));
    parts.push({ dropIndex: match[1]! });
    from = match.index + match[0].length;
  }
  keep(sql.slice(from));
  return parts;
}

interface CaptureSetting {
  mode: string;
  table: string | null;
}

async function captureSetting(tx: Queryable): Promise<CaptureSetting | null> {
  try {
    const row = await tx.get<{ mode?: unknown; table?: unknown }>(`PRAGMA ${CAPTURE}`);
    if (!row || typeof row.mode !== 'string' || row.mode === 'off') return null;
    return { mode: row.mode, table: typeof row.table === 'string' ? row.table : null };
  } catch {
    return null; // a database without change capture: nothing is replayed, a plain drop is enough
  }
}

/** Drops index `name` (if present) so that the captured change replays on a primary with or without it. Call inside the step's transaction. */
export async function dropIndexReplaySafely(tx: Queryable, name: string): Promise<void> {
  const capture = await captureSetting(tx);
  if (!capture) {
    await tx.exec(`DROP INDEX IF EXISTS ${name}`);
    return;
  }
  await tx.exec(`PRAGMA ${CAPTURE}('off')`);
  try {
    await tx.exec(`DROP INDEX IF EXISTS ${name}`);
  } finally {
    // Restored even when the drop fails: every later write must be captured, or it would never reach the primary.
    await tx.exec(`PRAGMA ${CAPTURE}('${capture.table ? `${capture.mode},${capture.table}` : capture.mode}')`);
  }
  await tx.exec(`CREATE INDEX ${name} ON schema_migrations (version) WHERE 0`);
  await tx.exec(`DROP INDEX ${name}`);
}

/** Runs one migration step's SQL with its index drops made replay-safe (inside the step's transaction). */
export async function execMigrationSql(tx: Queryable, sql: string): Promise<void> {
  for (const part of splitIndexDrops(sql)) {
    if ('dropIndex' in part) await dropIndexReplaySafely(tx, part.dropIndex);
    else await tx.exec(part.sql);
  }
}
