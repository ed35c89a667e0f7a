/**
 * When a downloaded update may be installed. Installing restarts the app, so
 * it happens only when nothing typed on this laptop is still waiting to reach
 * the primary and no sync is in flight: an update (and the migration it may
 * bring) never lands on top of unpushed edits.
 */
import type { SyncState, SyncStatus } from '../../../shared/domain/sync.js';

const BUSY: readonly SyncState[] = ['connecting', 'pushing', 'pulling'];

export function canInstallUpdate(status: SyncStatus | null | undefined): boolean {
  if (!status) return false;
  return status.pendingChanges === 0 && !BUSY.includes(status.state);
}
