/**
 * Reading a whole table in pages by its key (keyset): each page starts after
 * the previous page's last key, so page N costs what page 1 does, where
 * OFFSET re-reads every earlier row on each page. The key is the rowid, or
 * for a WITHOUT ROWID table (the engine reads such a file but will not create
 * one) its primary key, compared column by column.
 */
import type { SqlValue } from './database.js';

export const quoteName = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** True when a table's CREATE statement makes it WITHOUT ROWID (a table option: after the column list's last parenthesis). */
export function withoutRowid(createSql: string | null | undefined): boolean {
  return /\bWITHOUT\s+ROWID\b[^)]*$/i.test(createSql ?? '');
}

/** `WHERE` of the rows after a key (k1, k2…) in key order: k1 > ?, or k1 = ? and k2 > ?, and so on. */
export function afterKey(key: readonly string[]): string {
  return key.map((column, i) => `(${[...key.slice(0, i).map((c) => `${c} = ?`), `${column} > ?`].join(' AND ')})`).join(' OR ');
}

/** The parameters of `afterKey` for the last row's key values. */
export function afterParams<V = SqlValue>(values: readonly V[]): V[] {
  return values.flatMap((_, i) => values.slice(0, i + 1));
}
