/**
 * The job list: the current query, the rows loaded so far, the total, and where
 * the worker was (scroll position, last job opened). Filters and sort are kept
 * across restarts through main (`preferences.*`, a local file, never synced).
 */
import { create } from 'zustand';
import type { Job, JobPage, JobPriority, JobSort, JobStatus, SortDirection } from '../../../shared/domain/jobs';
import type { JobListPreferences } from '../../../shared/domain/preferences';
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
/** The most rows one call may return (the contract's limit). */
const MAX_PAGE = 500;
export const UNASSIGNED = '\u0000';

interface JobsState {
  filters: JobFilters;
  filtersOpen: boolean;
  /** Saved filters have been read (or found missing); the first query waits for it. */
  hydrated: boolean;
  items: Job[];
  nextCursor: string | null;
  /** Every live job the filters match, or null while it is being counted. */
  total: number | null;
  loading: boolean;
  error: string | null;
  /** Where the list was scrolled to, so coming back from a job lands there again. */
  scrollTop: number;
  /** The job opened from the list last, focused again on return. */
  lastOpenedId: string | null;
  /** Guards against a slow earlier query overwriting a newer one. */
  generation: number;
  hydrate(): Promise<void>;
  setFilters(change: Partial<JobFilters>): void;
  setFiltersOpen(open: boolean): void;
  reload(): Promise<void>;
  /** Re-reads the rows already loaded (after a change), keeping the list where it is. */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  rememberScroll(top: number): void;
  rememberOpened(id: string): void;
}

export function toQuery(f: JobFilters) {
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
  };
}

/** "Due from" after "Due to" matches nothing: the filter bar says so instead of showing an empty list. */
export function dueRangeInverted(f: Pick<JobFilters, 'dueFrom' | 'dueTo'>): boolean {
  return f.dueFrom !== '' && f.dueTo !== '' && f.dueFrom > f.dueTo;
}

function toPreferences(f: JobFilters, filtersOpen: boolean): JobListPreferences {
  return {
    status: f.status || null,
    priority: f.priority || null,
    siteId: f.siteId || null,
    assignee: f.assignee && f.assignee !== UNASSIGNED ? f.assignee : null,
    unassigned: f.assignee === UNASSIGNED,
    assignedToMe: f.assignedToMe,
    dueFrom: f.dueFrom || null,
    dueTo: f.dueTo || null,
    sort: f.sort,
    direction: f.direction,
    filtersOpen,
  };
}

function fromPreferences(p: JobListPreferences): JobFilters {
  return {
    ...DEFAULT_FILTERS,
    status: p.status ?? '',
    priority: p.priority ?? '',
    siteId: p.siteId ?? '',
    assignee: p.unassigned ? UNASSIGNED : (p.assignee ?? ''),
    assignedToMe: p.assignedToMe,
    dueFrom: p.dueFrom ?? '',
    dueTo: p.dueTo ?? '',
    sort: p.sort,
    direction: p.direction,
  };
}

/** The first `count` rows of a query (at least one page), in as few calls as the contract allows. */
async function fetchWindow(filters: JobFilters, count: number): Promise<{ items: Job[]; nextCursor: string | null }> {
  const want = Math.max(PAGE, count);
  const items: Job[] = [];
  let cursor: string | null = null;
  do {
    const page: JobPage = await call('jobs.list', { ...toQuery(filters), limit: Math.min(MAX_PAGE, want - items.length), cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < want);
  return { items, nextCursor: cursor };
}

export const useJobs = create<JobsState>((set, get) => {
  const countTotal = (generation: number) => {
    call('jobs.count', toQuery(get().filters)).then(
      ({ total }) => get().generation === generation && set({ total }),
      () => undefined,
    );
  };
  const save = () => {
    const { filters, filtersOpen } = get();
    // View state only: a failed save must not disturb the list.
    void call('preferences.set', { jobList: toPreferences(filters, filtersOpen) }).catch(() => undefined);
  };
  return {
    filters: DEFAULT_FILTERS,
    filtersOpen: false,
    hydrated: false,
    items: [],
    nextCursor: null,
    total: null,
    loading: false,
    error: null,
    scrollTop: 0,
    lastOpenedId: null,
    generation: 0,
    async hydrate() {
      if (get().hydrated) return;
      try {
        const { jobList } = await call('preferences.get', {});
        if (jobList && !get().hydrated) set({ filters: fromPreferences(jobList), filtersOpen: jobList.filtersOpen });
      } catch {
        // Defaults, then: saved view state is a convenience.
      }
      set({ hydrated: true });
    },
    setFilters(change) {
      set({ filters: { ...get().filters, ...change }, scrollTop: 0 });
      save();
      void get().reload();
    },
    setFiltersOpen(filtersOpen) {
      set({ filtersOpen });
      save();
    },
    async reload() {
      const generation = get().generation + 1;
      if (dueRangeInverted(get().filters)) {
        set({ generation, items: [], nextCursor: null, total: null, loading: false, error: null });
        return;
      }
      set({ generation, loading: true, total: null });
      countTotal(generation);
      try {
        const page = await call('jobs.list', { ...toQuery(get().filters), limit: PAGE });
        if (get().generation !== generation) return;
        set({ items: page.items, nextCursor: page.nextCursor, loading: false, error: null });
      } catch (error) {
        if (get().generation === generation) set({ loading: false, error: errorText(error) });
      }
    },
    async refresh() {
      const generation = get().generation + 1;
      if (dueRangeInverted(get().filters)) {
        set({ generation, items: [], nextCursor: null, total: null, loading: false, error: null });
        return;
      }
      set({ generation, loading: true });
      countTotal(generation);
      try {
        const window = await fetchWindow(get().filters, get().items.length);
        if (get().generation !== generation) return;
        set({ ...window, loading: false, error: null });
      } catch (error) {
        if (get().generation === generation) set({ loading: false, error: errorText(error) });
      }
    },
    async loadMore() {
      const { nextCursor, loading, generation } = get();
      if (!nextCursor || loading) return;
      set({ loading: true });
      try {
        const page = await call('jobs.list', { ...toQuery(get().filters), limit: PAGE, cursor: nextCursor });
        if (get().generation !== generation) return;
        set({ items: [...get().items, ...page.items], nextCursor: page.nextCursor, loading: false });
      } catch (error) {
        if (get().generation === generation) set({ loading: false, error: errorText(error) });
      }
    },
    rememberScroll: (scrollTop) => set({ scrollTop }),
    rememberOpened: (lastOpenedId) => set({ lastOpenedId }),
  };
});
