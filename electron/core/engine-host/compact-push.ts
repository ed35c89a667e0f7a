/**
 * Shorter push statements for new rows (issue 15: bytes per job on a first
 * upload). For every inserted row the engine sends
 * `INSERT INTO "t"("a", …) VALUES (?, …) ON CONFLICT("id") DO UPDATE SET "a" = excluded."a", …`
 * (819 B of SQL text for a job, 491 B for its change-log row). Through the
 * engine's `transform` option the host sends `REPLACE INTO `t`(`a`, …) VALUES (?, …)`
 * instead: the same end row on the primary (for these tables the only
 * constraint is the primary key, with no other UNIQUE index, foreign key or
 * trigger, so replacing the row and updating every column of it are the same),
 * still idempotent when a batch is sent again.
 *
 * Only the tables listed are rewritten; updates and deletes keep the engine's
 * own statements (they already name only the changed columns).
 *
 * 0.7.2 panics on a transformed push that holds schema changes (TURSO_NOTES.md),
 * so the host pushes unpushed schema changes without the transform first and
 * switches on the transform only for what follows (engine-host-child.ts):
 * `pushBatchInfo` tells, from a request body, whether a batch holds schema
 * changes and how far it takes the primary.
 */
import type { DatabaseRowMutation, DatabaseRowTransformResult } from '@tursodatabase/sync';

/** Tables whose inserts are sent as REPLACE: one primary key, no other unique index, foreign key or trigger (migrations/). */
export const COMPACT_INSERT_TABLES: ReadonlySet<string> = new Set(['jobs', 'changes']);

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export function compactInsert(mutation: DatabaseRowMutation): DatabaseRowTransformResult {
  if ((mutation.changeType as string) !== 'insert' || !mutation.after || !COMPACT_INSERT_TABLES.has(mutation.tableName)) return null;
  const after = mutation.after;
  // Sorted: the same statement text for every row of a table, whatever order the engine lists the columns in.
  const columns = Object.keys(after).sort();
  if (columns.length === 0) return null;
  return {
    operation: 'rewrite',
    stmt: {
      sql: `REPLACE INTO ${quote(mutation.tableName)}(${columns.map(quote).join(',')}) VALUES(${columns.map(() => '?').join(',')})`,
      values: columns.map((column) => after[column] as unknown),
    },
  };
}

export interface PushBatchInfo {
  /** The change id the batch moves the primary's watermark to (its `turso_sync_last_change_id` step). */
  upTo: number;
  /** Whether the batch replays schema changes (CREATE, ALTER, DROP) besides the engine's own bookkeeping table. */
  hasSchema: boolean;
}

interface PipelineBody {
  requests?: { type?: string; batch?: { steps?: { stmt?: { sql?: string; args?: { value?: unknown }[] } }[] } }[];
}

const WATERMARK_STEP = /^INSERT INTO turso_sync_last_change_id\b/i;
const SCHEMA_STEP = /^\s*(CREATE|ALTER|DROP)\b/i;
const BOOKKEEPING_TABLE = /turso_sync_last_change_id/i;

/** A push batch request's reach and whether it holds schema changes; null for any other request. */
export function pushBatchInfo(body: Uint8Array): PushBatchInfo | null {
  let parsed: PipelineBody;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as PipelineBody;
  } catch {
    return null;
  }
  let upTo: number | null = null;
  let hasSchema = false;
  for (const request of parsed.requests ?? []) {
    for (const step of request.batch?.steps ?? []) {
      const sql = step.stmt?.sql ?? '';
      if (WATERMARK_STEP.test(sql)) {
        const value = Number(step.stmt?.args?.[2]?.value);
        if (Number.isFinite(value)) upTo = value;
      } else if (SCHEMA_STEP.test(sql) && !BOOKKEEPING_TABLE.test(sql)) hasSchema = true;
    }
  }
  return upTo === null ? null : { upTo, hasSchema };
}
