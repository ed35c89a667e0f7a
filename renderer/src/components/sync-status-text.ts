import type { SyncStatus } from '../../../shared/domain/sync';

const LABELS: Record<SyncStatus['state'], string> = {
  not_configured: 'Not configured',
  offline: 'Offline',
  connecting: 'Connecting…',
  pushing: 'Sending changes…',
  pulling: 'Receiving changes…',
  up_to_date: 'Up to date',
  error: 'Sync error',
};

export function syncLabel(status: SyncStatus | null): string {
  if (!status) return 'Starting…';
  if (status.state === 'up_to_date' && status.pendingChanges > 0) return `${status.pendingChanges} changes waiting`;
  return LABELS[status.state];
}
