import type { JobPriority, JobSort, JobStatus, SortDirection } from './jobs.js';

/** The job list's filters and sort as last left on this laptop (the search term is not kept). */
export interface JobListPreferences {
  status: JobStatus | null;
  priority: JobPriority | null;
  siteId: string | null;
  /** A name, or null for anyone. */
  assignee: string | null;
  unassigned: boolean;
  assignedToMe: boolean;
  dueFrom: string | null;
  dueTo: string | null;
  sort: JobSort;
  direction: SortDirection;
  /** Whether the filter panel is open. */
  filtersOpen: boolean;
}

/** Per-laptop view state, never synced. */
export interface Preferences {
  jobList: JobListPreferences | null;
}
