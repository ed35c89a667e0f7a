import type { SyncStatus } from '../../shared/domain/sync.js';

/** A status with nothing happening, overridden where a test cares. */
export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'up_to_date',
    pendingChanges: 0,
    lastPushAt: null,
    lastPullAt: null,
    lastError: null,
    nextRetryAt: null,
    download: null,
    upload: null,
    needsRepair: false,
    notice: null,
    clockOffsetMs: null,
    clockWarning: null,
    ...overrides,
  };
}
