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

export interface DownloadProgress {
  receivedBytes: number;
  /** Sum of the Content-Length headers seen, or null when the server does not say. */
  totalBytes: number | null;
}

export interface UploadProgress {
  /** Row changes (and their commit markers) sent so far by the push in progress. */
  sentChanges: number;
  /** Row changes the push started with. */
  totalChanges: number;
  sentBytes: number;
}

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
  /** Bytes received by the pull in progress (large first downloads), or null when not pulling. */
  download: DownloadProgress | null;
  /** Row changes and bytes sent by a push of more than one request (a large first upload), or null otherwise. */
  upload: UploadProgress | null;
  /** The replica keeps failing in a way retrying will not fix: offer "Repair". */
  needsRepair: boolean;
  /** Something the worker should know that is not an error (e.g. a repair that ran). */
  notice: string | null;
  /** The primary's clock minus this laptop's, in ms; null until measured. Edits are stamped with the corrected time. */
  clockOffsetMs: number | null;
  /** Plain words when this laptop's clock is off by more than a few minutes, else null. */
  clockWarning: string | null;
  /** Photos taken on this laptop not yet in the photo store (added by the composition root; absent means 0). */
  photosWaiting?: number;
}

/** The state of one workspace's local replica, for the Settings and Sync screens. */
export interface ReplicaInfo {
  workspaceId: string;
  workspaceName: string;
  current: boolean;
  /** Path of the replica's main file on this laptop. */
  file: string;
  /** Bytes of all the replica's files together. */
  sizeBytes: number;
  /** Local changes not yet on the primary; null when the workspace is not open. */
  pendingChanges: number | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
}

export interface RepairReport {
  /** Where the damaged files were moved (never deleted). */
  movedAsideTo: string | null;
  /** The JSON export of the change log taken before touching any file. */
  exportFile: string | null;
  /** Edits from the old replica that the primary did not have and were re-applied. */
  reapplied: number;
  message: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** Plain words: what happened and what to do. */
  message: string;
  latencyMs: number | null;
}
