/** The job list: the current query and the pages loaded so far. */
import { create } from 'zustand';
import type { Job, JobPriority, JobSort, JobStatus, SortDirection } from '../../../shared/domain/jobs';
import { call, errorText } from '../api/client';

export interface JobFilters {
  search: string;
  status: JobStatus | '';
  priority: JobPriority | '';
  siteId: string;
  /** '' anyone, '\u0000' unassigned, else a name. */
  assignee: string;
  assignedToMe: boolean;
  dueFrom: string;
  dueTo: string;
  sort: JobSort;
  direction: SortDirection;
}

export const DEFAULT_FILTERS: JobFilters = {
  search: '',
  status: '',
  priority: '',
  siteId: '',
  assignee: '',
  assignedToMe: false,
  dueFrom: '',
  dueTo: '',
  sort: 'created',
  direction: 'desc',
};

const PAGE = 100;
export const UNASSIGNED = '\u0000';

interface JobsState {
  filters: JobFilters;
  items: Job[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** Guards against a slow earlier query overwriting a newer one. */
  generation: number;
  setFilters(change: Partial<JobFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

function toQuery(f: JobFilters) {
  return {
    search: f.search.trim() || undefined,
    status: f.status ? [f.status] : undefined,
    priority: f.priority ? [f.priority] : undefined,
    siteId: f.siteId || undefined,
    assignee: f.assignee === UNASSIGNED ? null : f.assignee || undefined,
    assignedToMe: f.assignedToMe || undefined,
    dueFrom: f.dueFrom || undefined,
    dueTo: f.dueTo || undefined,
    sort: f.sort,
    direction: f.direction,
    limit: PAGE,
  };
}

/** "Due from" after "Due to" matches nothing: the filter bar says so instead of showing an empty list. */
export function dueRangeInverted(f: Pick<JobFilters, 'dueFrom' | 'dueTo'>): boolean {
  return f.dueFrom !== '' && f.dueTo !== '' && f.dueFrom > f.dueTo;
}

export const useJobs = create<JobsState>((set, get) => ({
  filters: DEFAULT_FILTERS,
  items: [],
  nextCursor: null,
  loading: false,
  error: null,
  generation: 0,
  setFilters(change) {
    set({ filters: { ...get().filters, ...change } });
    void get().reload();
  },
  async reload() {
    const generation = get().generation + 1;
    if (dueRangeInverted(get().filters)) {
      set({ generation, items: [], nextCursor: null, loading: false, error: null });
      return;
    }
    set({ generation, loading: true });
    try {
      const page = await call('jobs.list', toQuery(get().filters));
      if (get().generation !== generation) return;
      set({ items: page.items, nextCursor: page.nextCursor, loading: false, error: null });
    } catch (error) {
      if (get().generation === generation) set({ loading: false, error: errorText(error) });
    }
  },
  async loadMore() {
    const { nextCursor, loading, generation } = get();
    if (!nextCursor || loading) return;
    set({ loading: true });
    try {
      const page = await call('jobs.list', { ...toQuery(get().filters), cursor: nextCursor });
      if (get().generation !== generation) return;
      set({ items: [...get().items, ...page.items], nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      set({ loading: false, error: errorText(error) });
    }
  },
}));
