import { describe, expect, it } from 'vitest';
import {
  classifySyncFailure,
  isRepairable,
  isTransient,
  type SyncFailureKind,
} from '../../../../electron/core/sync/failure-kind.js';
import { PrimaryCheckError } from '../../../../electron/core/sync/primary-check.js';

describe('classifySyncFailure', () => {
  it.each([
    ['Corrupt database: Invalid page type: 130', 'corruption'],
    ['SQLITE_CORRUPT: database disk image is malformed', 'corruption'],
    ['file is not a database', 'corruption'],
    ['database is busy', 'busy'],
    ['SQLITE_BUSY: database is locked', 'busy'],
    ['push failed: HTTP 401 Unauthorized', 'auth'],
    ['403 Forbidden', 'auth'],
    ['SQLITE_FULL: database or disk is full', 'disk-full'],
    ['ENOSPC: no space left on device', 'disk-full'],
    ['TypeError: fetch failed', 'network'],
    ['The operation was aborted due to timeout', 'network'],
    ['read ECONNRESET', 'network'],
    ['http error 500: internal error', 'other'],
    ['SQLITE_IOERR: disk I/O error', 'other'],
  ])('%s → %s', (text, kind) => {
    expect(classifySyncFailure(new Error(text))).toBe(kind);
  });

  it('a failed history check is never repairable on its own, but refused credentials stay "auth"', () => {
    expect(classifySyncFailure(new PrimaryCheckError(new Error('primary answered HTTP 500')))).toBe('network');
    expect(classifySyncFailure(new PrimaryCheckError(new Error('primary answered HTTP 401')))).toBe('auth');
  });

  it('classifies thrown non-errors by their text', () => {
    expect(classifySyncFailure('Invalid page type: 13')).toBe('corruption');
  });

  it('offers Repair only for kinds a rebuild can fix, and treats offline and busy as transient', () => {
    const repairable: SyncFailureKind[] = ['corruption', 'primary-lost-data', 'other'];
    const notRepairable: SyncFailureKind[] = ['offline', 'busy', 'network', 'auth', 'disk-full'];
    expect(repairable.every(isRepairable)).toBe(true);
    expect(notRepairable.some(isRepairable)).toBe(false);
    expect(isTransient('offline') && isTransient('busy')).toBe(true);
    expect(isTransient('corruption') || isTransient('auth')).toBe(false);
  });
});
