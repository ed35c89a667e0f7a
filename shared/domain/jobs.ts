export const JOB_STATUSES = ['open', 'in_progress', 'blocked', 'done'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

export interface Job {
  id: string;
  title: string;
  description: string;
  siteId: string | null;
  priority: JobPriority;
  status: JobStatus;
  assignee: string | null;
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
