import { describe, expect, it } from 'vitest';
import { SYNC_STATES, type SyncStatus } from '../../../../shared/domain/sync.js';
import { canInstallUpdate } from '../../../../electron/core/update/update-policy.js';
import { syncStatus } from '../../../helpers/sync-status.js';

const status = (state: SyncStatus['state'], pendingChanges: number): SyncStatus => syncStatus({ state, pendingChanges });

describe('canInstallUpdate', () => {
  it('never installs while edits are unpushed, whatever the state', () => {
    for (const state of SYNC_STATES) expect(canInstallUpdate(status(state, 1)), state).toBe(false);
    expect(canInstallUpdate(status('up_to_date', 250))).toBe(false);
  });

  it('never installs while a sync is in flight', () => {
    for (const state of ['connecting', 'pushing', 'pulling'] as const) expect(canInstallUpdate(status(state, 0)), state).toBe(false);
  });

  it('installs when everything is on the primary, or offline with nothing pending', () => {
    expect(canInstallUpdate(status('up_to_date', 0))).toBe(true);
    expect(canInstallUpdate(status('offline', 0))).toBe(true);
    expect(canInstallUpdate(status('error', 0))).toBe(true);
    expect(canInstallUpdate(status('not_configured', 0))).toBe(true);
  });

  it('does not install before the sync state is known', () => {
    expect(canInstallUpdate(null)).toBe(false);
    expect(canInstallUpdate(undefined)).toBe(false);
  });
});
