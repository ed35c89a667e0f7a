/** The job list as CSV: the same query, filters, search and sort as `jobs.list`, read page by page. */
import type { Job } from '../../../../shared/domain/jobs.js';
import type { Queryable } from '../../db/database.js';
import { listJobs, type JobQuery, type Me, type SearchMatcher } from '../jobs/job-queries.js';
import type { CsvColumn } from './csv-format.js';

/** A page read from the replica between two turns of the event loop (250 rows: formatting one takes a few ms). */
export const EXPORT_PAGE = 250;

export const JOB_COLUMNS: readonly CsvColumn<Job>[] = [
  { header: 'job_id', value: (j) => j.id },
  { header: 'title', value: (j) => j.title },
  { header: 'status', value: (j) => j.status },
  { header: 'priority', value: (j) => j.priority },
  { header: 'assignee', value: (j) => j.assignee },
  { header: 'site', value: (j) => j.siteName },
  { header: 'due_date', value: (j) => j.dueDate },
  { header: 'created_at', value: (j) => j.createdAt },
  { header: 'created_by', value: (j) => j.createdBy },
  { header: 'updated_at', value: (j) => j.updatedAt },
  { header: 'updated_by', value: (j) => j.updatedBy },
  { header: 'description', value: (j) => j.description },
];

/**
 * Pages of jobs in the list's order, following its keyset cursor; limit and cursor of `query` are ignored.
 * The next page is read while the caller formats this one: the engine reads in its own process, so the two overlap.
 */
export async function* jobPages(db: Queryable, query: JobQuery, me: Me | null, searchIndex?: SearchMatcher): AsyncGenerator<Job[]> {
  const read = (cursor: string | null) => listJobs(db, { ...query, limit: EXPORT_PAGE, cursor }, me, searchIndex);
  let next = read(null);
  for (;;) {
    const page = await next;
    if (page.nextCursor) {
      next = read(page.nextCursor);
      // Awaited on the next turn; a caller that stops early must not leave it rejected and unheard.
      next.catch(() => undefined);
    }
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
  }
}
