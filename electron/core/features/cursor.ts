/** Opaque keyset cursors: the sort they belong to, the last row's sort key and id. */
import { AppError } from '../../../shared/errors.js';

export interface KeysetCursor<K extends string | number = string | number> {
  sort: string;
  key: K;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/** The cursor of a list and sort; `keyType` narrows the sort key where the list's key is only ever one type (a clock stamp). */
export function decodeCursor(text: string, sort: string): KeysetCursor;
export function decodeCursor(text: string, sort: string, keyType: 'string'): KeysetCursor<string>;
export function decodeCursor(text: string, sort: string, keyType?: 'string'): KeysetCursor {
  try {
    const [s, key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const keyFits = keyType === 'string' ? typeof key === 'string' : typeof key === 'string' || typeof key === 'number';
    if (s === sort && keyFits && typeof id === 'string') {
      return { sort: s, key: key as string | number, id };
    }
  } catch {
    // answered below
  }
  throw new AppError('INVALID_INPUT', 'The list position (cursor) does not fit this list or sort; start again from the top.', 'cursor');
}
