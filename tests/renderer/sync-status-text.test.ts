import { describe, expect, it } from 'vitest';
import { downloadText, formatBytes, pendingText, retryText, syncLabel, whenText } from '../../renderer/src/components/sync-status-text.js';
import { syncStatus } from '../helpers/sync-status.js';

const base = syncStatus();

describe('sync status words', () => {
  it('says "Up to date" only when nothing is pending, and "Offline" when the primary is unreachable', () => {
    expect(syncLabel(base)).toBe('Up to date');
    expect(syncLabel({ ...base, pendingChanges: 2 })).toBe('2 changes waiting');
    expect(syncLabel({ ...base, state: 'offline', pendingChanges: 2 })).toBe('Offline');
    expect(syncLabel(null)).toBe('Starting…');
  });

  it('formats counts, sizes, times and retries', () => {
    expect(pendingText(0)).toBe('Every change is on the primary');
    expect(pendingText(1)).toBe('1 change not yet on the primary');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(downloadText({ receivedBytes: 2 * 1024 * 1024, totalBytes: 4 * 1024 * 1024 })).toBe('2.0 MB of 4.0 MB received');
    expect(downloadText({ receivedBytes: 0, totalBytes: null })).toBeNull();
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(whenText(null, now)).toBe('never');
    expect(whenText('2026-01-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(retryText('2026-01-01T12:00:30Z', now)).toBe('next try in 30 s');
  });
});
