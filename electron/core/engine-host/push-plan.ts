/**
 * Which unpushed new rows may answer 'skip' in a push (batched-insert.ts).
 *
 * 0.7.2 moves the primary's watermark, in each batch's own transaction, to
 * the change id of the batch's last row change that was not skipped
 * (sync/engine/src/database_sync_operations.rs, send_push_batch). A batch
 * ends only at a commit, so a row carried by an earlier statement may be
 * skipped unless it is the last new row of its transaction; those, and every
 * row this plan cannot place, answer a no-op statement instead.
 *
 * The plan lists the unpushed inserts into the compact tables, in change-id
 * order, read from the engine's change table just before the push. The
 * engine hands the transform the same rows in the same order, from the
 * primary's watermark on (at or past the local one), so the first row is
 * looked up and every later one must be the next in the list: a row that is
 * not (written after the plan was read, or anything unexpected) ends the
 * plan for the rest of the push, and from then on no row is skipped.
 */
import { yieldToLoop } from '../sync/yield.js';
import { COMPACT_INSERT_TABLES } from './compact-push.js';

/** Where a new row stands: 'inner' may be skipped, 'end' ends its transaction's new rows, 'unknown' is not in the plan. */
export type RowPlace = 'inner' | 'end' | 'unknown';

/** Reads `limit` change-table rows after `afterId` as `[change_id, change_type, table_name, id]`. */
export type ChangeReader = (afterId: number, limit: number) => Promise<unknown[][]>;

const COMMIT = 2;
const INSERT = 1;
/**
 * Rows read per step, with a turn of the event loop between steps: the binding
 * answers each read in one go on the host's thread, and a chain of awaited reads
 * is one task (at 100,000 jobs, 202,362 rows in slices of 5,000 without a yield
 * held the host 916 ms, and a `jobs.get` waited for all of it). ~0.8 µs a row
 * unloaded: a slice is a few ms.
 */
export const READ_SLICE = 1_000;

export const PLAN_SQL = `SELECT change_id, change_type, table_name, id FROM turso_cdc
 WHERE change_id > ? AND (change_type = ${COMMIT} OR (change_type = ${INSERT} AND table_name IN (${[...COMPACT_INSERT_TABLES].map((t) => `'${t}'`).join(',')})))
 ORDER BY change_id LIMIT ?`;

export class PushPlan {
  private cursor = -1;
  private lost = false;

  constructor(
    private readonly tables: readonly string[],
    private readonly ids: readonly number[],
    private readonly ends: Uint8Array,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /** The place of the next new row the engine hands over (call it for every insert into a compact table, in order). */
  place(table: string, id: number): RowPlace {
    if (this.lost) return 'unknown';
    const at = this.cursor < 0 ? this.find(table, id) : this.cursor + 1;
    if (at < 0 || at >= this.ids.length || this.ids[at] !== id || this.tables[at] !== table) {
      this.lost = true;
      return 'unknown';
    }
    this.cursor = at;
    return this.ends[at] ? 'end' : 'inner';
  }

  private find(table: string, id: number): number {
    for (let i = 0; i < this.ids.length; i++) if (this.ids[i] === id && this.tables[i] === table) return i;
    return -1;
  }
}

/** The plan of the change-table rows after `afterId` (the engine's local watermark). */
export async function readPushPlan(read: ChangeReader, afterId: number, slice = READ_SLICE): Promise<PushPlan> {
  const tables: string[] = [];
  const ids: number[] = [];
  const ends: number[] = [];
  // The current transaction's last new row so far (an index into ids), -1 when it has none.
  let last = -1;
  let from = afterId;
  for (;;) {
    const rows = await read(from, slice);
    for (const [changeId, changeType, table, id] of rows) {
      from = Number(changeId);
      if (Number(changeType) === COMMIT) {
        if (last >= 0) ends[last] = 1;
        last = -1;
      } else {
        tables.push(String(table));
        ids.push(Number(id));
        ends.push(0);
        last = ids.length - 1;
      }
    }
    if (rows.length < slice) break;
    // Calls that arrived meanwhile (a worker opening a job) run between slices.
    await yieldToLoop();
  }
  // Rows of a transaction whose commit the read did not reach: none may be skipped.
  if (last >= 0) for (let i = last; i >= 0 && !ends[i]; i--) ends[i] = 1;
  return new PushPlan(tables, ids, Uint8Array.from(ends));
}
