export interface WorkspaceInfo {
  id: string;
  name: string;
  deviceId: string;
  schemaVersion: number;
  appVersion: string;
}

export interface ConnectionSettings {
  /** Primary URL (Turso Cloud or a local `tursodb --sync-server`), or null for local-only. */
  url: string | null;
  /** Whether an auth token is stored. The token itself never leaves the main process. */
  hasToken: boolean;
  /** True when the OS offers real encryption for the stored token. */
  secureStorage: boolean;
}
