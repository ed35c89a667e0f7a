/**
 * One push statement per table for a run of new rows (issue 11, item 3).
 *
 * The binding hands every push request body to JS as `Array<number>` on the
 * engine host's one thread, and copies it again into a Uint8Array: measured at
 * 20,000 jobs (load ~11), 110 ms median (up to 420 ms) per 270 KB request plus
 * 30 ms for the copy, and a `jobs.get` that arrives meanwhile waits for all of
 * it. A request is at least one transaction, so only its bytes can shrink.
 * compact-push.ts already sends one short REPLACE per new row; most of those
 * bytes are still the SQL text and the `{"type":"text","value":…}` wrapper of
 * each argument, repeated per row. Here a run of new rows of one table
 * becomes one statement with a single argument, a JSON array of the rows:
 * `REPLACE INTO t(a,b) SELECT value->>0, value->>1 FROM json_each(?)`.
 *
 * The engine asks for the statements of a whole batch in one synchronous loop
 * (one transform call per row change, then the results go back at once), so
 * the first row of a run returns a statement whose text and argument are read
 * only when the engine collects the results, after the run's later rows were
 * added to it. Those later rows answer 'skip', except the last new row of
 * each transaction (and any row the push's plan cannot place, push-plan.ts),
 * which answers a no-op statement (`FILLER`): the engine moves the primary's
 * watermark, in the batch's own transaction, to the change id of the batch's
 * last row that was not skipped (sync/engine/src/database_sync_operations.rs,
 * send_push_batch, 0.7.2), and a batch ends only at a commit. Skipping every
 * later row left a batch's trailing rows "pending", sent again on every later
 * push (the 998 rows of connection-settings.test.ts, the revert 5f79275).
 * So the watermark covers every batch whole: each row reaches the primary
 * once, in its batch's transaction, or not at all.
 *
 * A run holds only inserts into the compact
 * tables (no other constraint, trigger or foreign key on them, see
 * compact-push.ts): any other change ends it, so every statement keeps its
 * place relative to updates and deletes; inserts into different such tables
 * commute. A run also ends once its statements are read and at the end of the
 * task it began in, so rows never join a batch the engine already took.
 * A row with a value other than text or NULL (or text with lone surrogates)
 * goes alone, as compact-push.ts sends it.
 */
import type { DatabaseRowMutation, DatabaseRowTransformResult } from '@tursodatabase/sync';
import { COMPACT_INSERT_TABLES, compactInsert } from './compact-push.js';
import type { PushPlan, RowPlace } from './push-plan.js';

/** Rows in one statement at most: its one argument stays well under any text limit. */
export const MAX_ROWS_PER_STATEMENT = 500;

/**
 * What a row carried by an earlier statement answers when it may not be
 * skipped: a short statement the primary runs without effect (a step still
 * costs ~270 B on the wire, its envelope plus its result, so only rows that
 * may end a batch get one). It must return no rows: the engine also runs the
 * transform's statements locally, when a pull replays unpushed changes, and
 * 0.7.2 panics on a replayed statement that returns one
 * (`sync/engine/src/database_tape.rs`, `exec_stmt`: "statement should not
 * return any rows"; `SELECT 1` took a laptop's engine down in CI).
 */
export const FILLER = { sql: 'SELECT 1 WHERE 0', values: [] } as const;

/** Tail of a merged statement's text: the upload meter counts its rows by it (`/*rows:N*\/`). */
export const ROWS_MARK = '/*rows:';

type Cell = string | null;

interface Run {
  ended: boolean;
  /** The open statement of each table in this run. */
  groups: Map<string, Group>;
}

interface Group {
  table: string;
  columns: string[];
  rows: Cell[][];
  /** The first row's own statement, used when no other row joins it. */
  single: DatabaseRowTransformResult;
}

// In a `u` pattern a surrogate pair is one code point: this matches only a half pair.
const LONE_SURROGATE = /\p{Cs}/u;

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** Text and NULL only (every column of these tables is TEXT): `->>` gives back exactly that text; a number could come back as another type. */
function cell(value: unknown): Cell | undefined {
  return value === null || (typeof value === 'string' && !LONE_SURROGATE.test(value)) ? value : undefined;
}

/** The row's values in `columns` order, or null when JSON cannot carry one of them exactly. */
function cellsOf(after: Record<string, unknown>, columns: readonly string[]): Cell[] | null {
  const cells: Cell[] = [];
  for (const column of columns) {
    const value = cell(after[column]);
    if (value === undefined) return null;
    cells.push(value);
  }
  return cells;
}

function mergedSql(group: Group): string {
  const picks = group.columns.map((_, i) => `value->>${i}`).join(',');
  return `REPLACE INTO ${quote(group.table)}(${group.columns.map(quote).join(',')}) SELECT ${picks} FROM json_each(?) ${ROWS_MARK}${group.rows.length}*/`;
}

/** The first row's result: its text and values are settled when the engine reads them, i.e. once the batch is complete. */
function deferred(group: Group, run: Run): DatabaseRowTransformResult {
  let settled: { sql: string; values: unknown[] } | null = null;
  const settle = () => {
    run.ended = true;
    if (!settled) {
      const single = group.single;
      settled = group.rows.length === 1 && single?.operation === 'rewrite' ? single.stmt : { sql: mergedSql(group), values: [JSON.stringify(group.rows)] };
    }
    return settled;
  };
  return {
    operation: 'rewrite',
    stmt: {
      get sql() {
        return settle().sql;
      },
      get values() {
        return settle().values;
      },
    },
  };
}

/**
 * A transform (the engine's `transform` option) that sends a run of new rows of one table as one statement.
 * `plan` gives the push's plan (push-plan.ts), read just before it: without one no row is skipped.
 */
export function batchedInsert(plan: () => PushPlan | null = () => null): (mutation: DatabaseRowMutation) => DatabaseRowTransformResult {
  let run: Run = { ended: true, groups: new Map() };
  const endRun = () => void (run.ended = true);
  return (mutation) => {
    // Every new row is placed, whether it joins a run or not: the plan follows the engine row by row.
    const isNewRow = (mutation.changeType as string) === 'insert' && COMPACT_INSERT_TABLES.has(mutation.tableName);
    const place: RowPlace = isNewRow ? (plan()?.place(mutation.tableName, Number(mutation.id)) ?? 'unknown') : 'unknown';
    const single = compactInsert(mutation);
    if (!single || single.operation !== 'rewrite' || !COMPACT_INSERT_TABLES.has(mutation.tableName)) {
      // An update, a delete or another table's row: nothing after it may move before it.
      endRun();
      return single;
    }
    const columns = Object.keys(mutation.after!).sort();
    const cells = cellsOf(mutation.after!, columns);
    if (!cells) {
      endRun();
      return single;
    }
    if (run.ended) {
      const fresh: Run = { ended: false, groups: new Map() };
      run = fresh;
      // The engine's loop over one batch is synchronous: a row that comes after this task belongs to another batch.
      queueMicrotask(() => void (fresh.ended = true));
    }
    const key = `${mutation.tableName}\u0000${columns.join('\u0000')}`;
    const open = run.groups.get(key);
    if (open && open.rows.length < MAX_ROWS_PER_STATEMENT) {
      open.rows.push(cells);
      // The last new row of a transaction may end the batch: the watermark must reach its change id (see above).
      return place === 'inner' ? { operation: 'skip' } : { operation: 'rewrite', stmt: { sql: FILLER.sql, values: [] } };
    }
    const group: Group = { table: mutation.tableName, columns, rows: [cells], single };
    run.groups.set(key, group);
    return deferred(group, run);
  };
}
