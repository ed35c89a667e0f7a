export const JOB_STATUSES = ['open', 'in_progress', 'blocked', 'done'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

export const JOB_SORTS = ['due', 'created', 'updated', 'priority', 'title'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface Job {
  id: string;
  title: string;
  description: string;
  siteId: string | null;
  /** Name of the job's site, joined in for lists and search; null without a site. */
  siteName: string | null;
  priority: JobPriority;
  status: JobStatus;
  assignee: string | null;
  /** The assignee's person id (their profile's device id); null for a typed name or nobody. */
  assigneeId: string | null;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Set when deleted; the row stays as a tombstone so sync can resolve it. */
  deletedAt: string | null;
}

export interface JobPage {
  items: Job[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
};

export const PRIORITY_LABELS: Record<JobPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};
