import { describe, expect, it } from 'vitest';
import { isCorruptionError } from '../../../../electron/core/db/corruption-error.js';
import { isEngineLockError } from '../../../../electron/core/db/workspace-lock.js';
import { AppError } from '../../../../shared/errors.js';

describe('isCorruptionError', () => {
  it('recognises the engine and SQLite texts for damaged files, also wrapped', () => {
    for (const text of [
      'step failed: Corrupt database: Invalid page type: 130', // measured, 0.7.2
      'sync engine operation failed: database error: Corrupt database: Invalid page type: 8',
      'database disk image is malformed',
      'file is not a database',
      'SQLITE_CORRUPT: something',
      'malformed database schema (jobs)',
    ]) {
      expect(isCorruptionError(new Error(text)), text).toBe(true);
    }
    expect(isCorruptionError(new AppError('STORAGE_FAILED', 'Could not open … : Corrupt database: Invalid page type: 3'))).toBe(true);
    expect(isCorruptionError(new Error('push failed', { cause: new Error('Invalid page type: 44') }))).toBe(true);
  });

  it('does not take busy, locked, offline or server errors for damage', () => {
    for (const text of [
      'database is locked',
      'database is busy',
      "Locking error: Failed locking file '/x/fieldbook.db'. File is locked by another process",
      'fetch failed',
      'HTTP 500: malformed request body',
      'url is empty - sync is paused',
    ]) {
      expect(isCorruptionError(new Error(text)), text).toBe(false);
    }
  });

  it("the engine's cross-process lock text is a lock, not the in-process busy answer", () => {
    expect(isEngineLockError(new Error("sync engine operation failed: database error: Locking error: Failed locking file '/a'. File is locked by another process"))).toBe(true);
    expect(isEngineLockError(new Error('database is locked'))).toBe(false);
  });
});
