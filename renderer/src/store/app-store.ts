import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/domain/sync';
import type { WorkspaceInfo } from '../../../shared/domain/workspace';
import { call, errorText, subscribe } from '../api/client';

/** App-wide state: the workspace and the sync status. Screens keep their own data (see store/). */
interface AppState {
  workspace: WorkspaceInfo | null;
  sync: SyncStatus | null;
  loadError: string | null;
  init(): Promise<void>;
  /** After `workspace.changed`: the workspace and its sync status, read again. */
  reloadWorkspace(): Promise<void>;
  syncNow(): Promise<void>;
}

/** Status events seen so far: a reply older than the latest event must not replace it. */
let statusEvents = 0;

export const useAppStore = create<AppState>((set) => ({
  workspace: null,
  sync: null,
  loadError: null,
  async init() {
    subscribe('sync.statusChanged', (sync) => {
      statusEvents += 1;
      set({ sync });
    });
    try {
      const [workspace, sync] = await Promise.all([call('workspace.info', {}), call('sync.status', {})]);
      set({ workspace, sync });
    } catch (error) {
      set({ loadError: errorText(error) });
    }
  },
  async reloadWorkspace() {
    const seen = statusEvents;
    try {
      const [workspace, sync] = await Promise.all([call('workspace.info', {}), call('sync.status', {})]);
      set(statusEvents === seen ? { workspace, sync, loadError: null } : { workspace, loadError: null });
    } catch (error) {
      set({ loadError: errorText(error) });
    }
  },
  async syncNow() {
    // Main publishes every change as an event; the reply only fills in when no
    // event came meanwhile (a stale "cannot be reached" must not undo "Up to date").
    const seen = statusEvents;
    const sync = await call('sync.now', {});
    if (statusEvents === seen) set({ sync });
  },
}));
