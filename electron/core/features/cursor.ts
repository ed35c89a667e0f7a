/** Opaque keyset cursors: the sort they belong to, the last row's sort key and id. */
import { AppError } from '../../../shared/errors.js';

export interface KeysetCursor {
  sort: string;
  key: string | number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, sort: string): KeysetCursor {
  try {
    const [s, key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (s === sort && (typeof key === 'string' || typeof key === 'number') && typeof id === 'string') {
      return { sort: s, key, id };
    }
  } catch {
    // answered below
  }
  throw new AppError('INVALID_INPUT', 'The list position (cursor) does not fit this list or sort; start again from the top.', 'cursor');
}
