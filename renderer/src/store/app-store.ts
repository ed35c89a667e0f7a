import { create } from 'zustand';
import type { Job } from '../../../shared/domain/jobs';
import type { SyncStatus } from '../../../shared/domain/sync';
import type { WorkspaceInfo } from '../../../shared/domain/workspace';
import { call, subscribe } from '../api/client';

interface AppState {
  workspace: WorkspaceInfo | null;
  sync: SyncStatus | null;
  jobs: Job[];
  loadError: string | null;
  init(): Promise<void>;
  reloadJobs(): Promise<void>;
  createJob(title: string): Promise<void>;
  syncNow(): Promise<void>;
}

export const useAppStore = create<AppState>((set, get) => ({
  workspace: null,
  sync: null,
  jobs: [],
  loadError: null,
  async init() {
    subscribe('sync.statusChanged', (sync) => set({ sync }));
    subscribe('data.changed', () => void get().reloadJobs());
    try {
      const [workspace, sync] = await Promise.all([call('workspace.info', {}), call('sync.status', {})]);
      set({ workspace, sync });
      await get().reloadJobs();
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
  async reloadJobs() {
    const page = await call('jobs.list', { limit: 100 });
    set({ jobs: page.items });
  },
  async createJob(title) {
    const job = await call('jobs.create', { title });
    set({ jobs: [job, ...get().jobs.filter((j) => j.id !== job.id)] });
  },
  async syncNow() {
    set({ sync: await call('sync.now', {}) });
  },
}));
