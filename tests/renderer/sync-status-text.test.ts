import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../renderer/src/components/settings/diagnostics-text.js';
import {
  clockOffsetText,
  clockWarningLine,
  downloadText,
  formatBytes,
  pendingText,
  problemText,
  repairAdvice,
  retryText,
  syncLabel,
  whenText,
} from '../../renderer/src/components/sync-status-text.js';
import type { DiagnosticsReport } from '../../shared/domain/diagnostics.js';
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

  it("says how far the laptop clock is from the team's, and shows the warning main sends", () => {
    expect(clockOffsetText(null)).toBe('Not measured yet (the primary has not been reached)');
    expect(clockOffsetText(-400)).toBe("Matches the team's clock");
    expect(clockOffsetText(-2 * 3_600_000)).toBe("2.0 h ahead of the team's clock; edit times are corrected");
    expect(clockOffsetText(3 * 3_600_000 + 30 * 60_000)).toBe("3.5 h behind the team's clock; edit times are corrected");
    expect(clockOffsetText(7 * 60_000)).toBe("7 min behind the team's clock; edit times are corrected");
    expect(clockOffsetText(-12_000)).toBe("12 s ahead of the team's clock; edit times are corrected");
    expect(clockWarningLine(null)).toBeNull();
    expect(clockWarningLine(base)).toBeNull();
    const warning = "This laptop's clock is 2 hours ahead of the team's clock.";
    expect(clockWarningLine({ ...base, clockOffsetMs: -7_200_000, clockWarning: warning })).toBe(warning);
  });

  it('puts the clock offset in the diagnostics summary', () => {
    const report: DiagnosticsReport = {
      generatedAt: '2026-01-01T12:00:00Z',
      app: { version: '1.0.0', platform: 'linux', arch: 'x64', electron: null, chrome: null, node: '20.0.0' },
      engine: { packages: {}, schemaVersion: 2, latestSchemaVersion: 2 },
      sync: {
        state: 'up_to_date',
        pendingChanges: 0,
        lastPushAt: null,
        lastPullAt: null,
        lastError: null,
        primaryConfigured: true,
        tokenStored: false,
        clockOffsetMs: -7_200_000,
        clockWarning: 'ahead',
      },
      storage: { secureStorage: true, backend: 'test', dataFolder: '~/fieldbook', replicaFiles: [] },
      ids: { deviceId: 'd', workspaceId: 'w' },
      recentProblems: [],
    };
    expect(formatDiagnostics(report)).toContain('Clock: primary minus laptop -7200000 ms');
    expect(formatDiagnostics({ ...report, sync: { ...report.sync, clockOffsetMs: null } })).toContain('Clock: offset from the primary not measured yet');
  });

  it('shows the last error only while sync is failing, offline or retrying, never next to "Up to date"', () => {
    const unreachable = 'The primary could not be reached.';
    expect(problemText({ ...base, state: 'offline', lastError: unreachable })).toBe(unreachable);
    expect(problemText({ ...base, state: 'error', lastError: 'boom' })).toBe('boom');
    expect(problemText({ ...base, state: 'connecting', lastError: unreachable })).toBe(unreachable);
    expect(problemText({ ...base, state: 'up_to_date', lastError: unreachable })).toBeNull();
    expect(problemText({ ...base, state: 'pushing', lastError: unreachable })).toBeNull();
    expect(problemText({ ...base, state: 'pulling', lastError: unreachable })).toBeNull();
    expect(problemText({ ...base, state: 'error', lastError: null })).toBeNull();
    expect(problemText(null)).toBeNull();
  });

  it('offers Repair only when the replica needs it, and says why either way', () => {
    expect(repairAdvice({ ...base, needsRepair: true })).toMatchObject({ needed: true, text: expect.stringMatching(/rebuilds the copy from the primary/) });
    expect(repairAdvice({ ...base, state: 'error', lastError: 'boom' })).toMatchObject({ needed: false, text: expect.stringMatching(/not needed/) });
    expect(repairAdvice(null).needed).toBe(false);
  });
});
