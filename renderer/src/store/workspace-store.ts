/**
 * The workspaces on this laptop, and what happens when another one opens:
 * every store that holds one workspace's data starts over, so no screen shows
 * a row, a filter or a sync state of the workspace just left.
 */
import { create } from 'zustand';
import type { WorkspaceSummary } from '../../../shared/domain/workspace';
import { call, errorText, subscribe } from '../api/client';
import { forgetDrafts } from '../forms/draft-cache';
import { useAppStore } from './app-store';
import { useJobs } from './jobs-store';
import { useNav } from './nav-store';

interface WorkspacesState {
  list: WorkspaceSummary[];
  error: string | null;
  load(): Promise<void>;
}

export const useWorkspaces = create<WorkspacesState>((set) => ({
  list: [],
  error: null,
  async load() {
    try {
      set({ list: await call('workspace.list', {}), error: null });
    } catch (error) {
      set({ error: errorText(error) });
    }
  },
}));

/** Main opened another workspace (or renamed this one): reset and reload what the screens show. */
export function followWorkspaceChanges(): () => void {
  return subscribe('workspace.changed', (changed) => {
    const app = useAppStore.getState();
    if (app.workspace?.id !== changed.id) {
      forgetDrafts();
      useJobs.setState(useJobs.getInitialState(), true);
      useNav.setState({ view: { screen: 'jobs' } });
    }
    void app.reloadWorkspace();
    useNav.getState().dataChanged();
    void useWorkspaces.getState().load();
  });
}
