/**
 * One keyset page of a list sorted by a key and then by id. After a cursor the
 * page is read as two statements, each of which the engine seeks exactly: the
 * rest of the cursor key's tie group (`key = ? AND id > ?`), then, if the page
 * is not full, the keys beyond it (`key > ?`). The single statement
 * `key >= ? AND (key > ? OR id > ?)` returns the same rows, but the engine
 * seeks it on `key >= ?` alone and filters the tie group row by row up to the
 * cursor, so a page cost grew with its depth in the group: at 100,000 jobs a
 * page of 250 by priority (4 keys) cost 100–130 ms of engine time from page 100
 * on, against 7–12 ms on page 1. Row values `(key, id) > (?, ?)` make it scan.
 */
import type { SortDirection } from '../../../../shared/domain/jobs.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import type { KeysetCursor } from '../cursor.js';

export interface KeysetPageQuery {
  /** `SELECT … FROM …`, the part before WHERE. */
  select: string;
  /** The sort key's SQL expression, exactly as its index has it. */
  key: string;
  direction: SortDirection;
  /** Filters, ANDed; the cursor's conditions are added to them. */
  where: readonly string[];
  params: readonly SqlValue[];
  after: KeysetCursor | null;
  take: number;
}

export interface KeysetStatement {
  /** Ends with `LIMIT ?`, the one parameter not in `params`. */
  sql: string;
  params: SqlValue[];
}

/** The statements of one page, in the order their rows come: one without a cursor, two after one. */
export function keysetStatements(query: Omit<KeysetPageQuery, 'take'>): KeysetStatement[] {
  const order = query.direction === 'asc' ? 'ASC' : 'DESC';
  const op = query.direction === 'asc' ? '>' : '<';
  const statement = (conditions: string[], extra: SqlValue[]): KeysetStatement => ({
    sql: `${query.select} WHERE ${[...query.where, ...conditions].join(' AND ')} ORDER BY ${query.key} ${order}, j.id ${order} LIMIT ?`,
    params: [...query.params, ...extra],
  });
  if (!query.after) return [statement([], [])];
  const { key, id } = query.after;
  return [statement([`${query.key} = ?`, `j.id ${op} ?`], [key, id]), statement([`${query.key} ${op} ?`], [key])];
}

/** Up to `take` rows in the list's order, starting strictly after the cursor. */
export async function readKeysetPage<T>(db: Queryable, query: KeysetPageQuery): Promise<T[]> {
  const rows: T[] = [];
  for (const { sql, params } of keysetStatements(query)) {
    rows.push(...(await db.all<T>(sql, [...params, query.take - rows.length])));
    if (rows.length >= query.take) break;
  }
  return rows;
}
