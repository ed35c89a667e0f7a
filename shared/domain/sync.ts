export const SYNC_STATES = [
  'not_configured',
  'offline',
  'connecting',
  'pushing',
  'pulling',
  'up_to_date',
  'error',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface SyncStatus {
  state: SyncState;
  /** Local changes not yet on the primary. */
  pendingChanges: number;
  /** ISO times of the last successful push and pull, or null if never. */
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Plain-words description of the last failure and what to do about it. */
  lastError: string | null;
  /** ISO time of the next automatic attempt, when one is scheduled after a failure. */
  nextRetryAt: string | null;
}
