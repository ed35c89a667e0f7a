/** `team` syncs once pointed at a database; `demo` holds sample data and never syncs. */
export type WorkspaceKind = 'team' | 'demo';

export interface WorkspaceInfo {
  id: string;
  name: string;
  kind: WorkspaceKind;
  deviceId: string;
  schemaVersion: number;
  appVersion: string;
}

/** One entry of the workspace list. */
export interface WorkspaceSummary {
  id: string;
  name: string;
  kind: WorkspaceKind;
  /** The one the screens show. */
  current: boolean;
  /** Its Core is running: the open one, or one still pushing in the background. */
  open: boolean;
  /** The database it syncs with, or null while local-only. Never the token. */
  url: string | null;
  /** Local edits not yet on its database, when it is open (null: not counted now). */
  pending: number | null;
}

/** Sent when the open workspace changed: every store resets and reloads. */
export interface WorkspaceChanged {
  id: string;
  name: string;
  kind: WorkspaceKind;
}

export interface WorkspaceExportResult {
  /** Where the backup file was written. */
  file: string;
  bytes: number;
  /** Rows per table in the snapshot. */
  counts: Record<string, number>;
  /** Edits in the backup not yet on the database. */
  unpushedEdits: number;
}

export interface ConnectionSettings {
  /** Primary URL (Turso Cloud or a local `tursodb --sync-server`), or null for local-only. */
  url: string | null;
  /** Whether an auth token is stored. The token itself never leaves the main process. */
  hasToken: boolean;
  /** True when the OS offers real encryption for the stored token. */
  secureStorage: boolean;
  /** The demo workspace never syncs: no URL can be set. */
  localOnly?: boolean;
}
