import type { SyncState } from './sync.js';

/** What "Copy diagnostics" puts on the clipboard for a support ticket: no token, no personal data. */
export interface DiagnosticsReport {
  generatedAt: string;
  app: { version: string; platform: string; arch: string; electron: string | null; chrome: string | null; node: string };
  /** Versions of the database engine packages, and the schema of the open replica against this build's latest. */
  engine: { packages: Record<string, string>; schemaVersion: number; latestSchemaVersion: number };
  sync: {
    state: SyncState;
    pendingChanges: number;
    lastPushAt: string | null;
    lastPullAt: string | null;
    lastError: string | null;
    primaryConfigured: boolean;
    tokenStored: boolean;
    /** Primary's clock minus this laptop's (ms), null until measured; and the worker's warning, if any. */
    clockOffsetMs: number | null;
    clockWarning: string | null;
  };
  storage: {
    secureStorage: boolean;
    backend: string;
    /** Where the replica, logs and settings live (home shown as `~`); the replica in it is not encrypted. */
    dataFolder: string;
    replicaFiles: { name: string; bytes: number }[];
  };
  ids: { deviceId: string; workspaceId: string };
  recentProblems: { at: string; level: string; message: string; detail?: string }[];
}
