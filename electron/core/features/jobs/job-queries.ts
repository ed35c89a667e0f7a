/** SQL for jobs: reads, filters, sorts and keyset pages. Writes go through the change log. */
import type { Job, JobPage, JobPriority, JobSort, JobStatus, SortDirection } from '../../../../shared/domain/jobs.js';
import { AppError } from '../../../../shared/errors.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { searchWords } from '../search-text.js';
import { readKeysetPage } from './keyset-page.js';
import { inList } from './job-search-index.js';
import type { SearchFilters, SearchPageQuery } from './job-search-page.js';

interface JobRow {
  id: string;
  title: string;
  description: string;
  site_id: string | null;
  site_name: string | null;
  priority: string;
  status: string;
  assignee: string | null;
  assignee_id: string | null;
  due_date: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  sort_key?: string | number;
}

const JOB_COLUMNS = `j.id, j.title, j.description, j.site_id, s.name AS site_name, j.priority, j.status, j.assignee,
  j.assignee_id, j.due_date, j.created_at, j.created_by, j.updated_at, j.updated_by, j.deleted_at`;
const FROM = 'FROM jobs j LEFT JOIN sites s ON s.id = j.site_id';

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    siteId: row.site_id,
    siteName: row.site_name,
    priority: row.priority as JobPriority,
    status: row.status as JobStatus,
    assignee: row.assignee,
    assigneeId: row.assignee_id,
    dueDate: row.due_date,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
  };
}

export async function findJob(db: Queryable, id: string): Promise<Job | undefined> {
  const row = await db.get<JobRow>(`SELECT ${JOB_COLUMNS} ${FROM} WHERE j.id = ?`, [id]);
  return row ? toJob(row) : undefined;
}

export async function getJob(db: Queryable, id: string): Promise<Job> {
  const job = await findJob(db, id);
  if (!job) throw new AppError('NOT_FOUND', `No job with id ${id}`);
  return job;
}

/** A job that can still be edited: exists and is not deleted. */
export async function getLiveJob(db: Queryable, id: string): Promise<Job> {
  const job = await getJob(db, id);
  if (job.deletedAt) throw new AppError('NOT_FOUND', `Job ${id} was deleted`);
  return job;
}

export interface JobQuery {
  search?: string;
  status?: JobStatus[];
  priority?: JobPriority[];
  assignee?: string | null;
  assignedToMe?: boolean;
  siteId?: string;
  dueFrom?: string;
  dueTo?: string;
  sort?: JobSort;
  direction?: SortDirection;
  limit?: number;
  cursor?: string | null;
}

/**
 * SQL expression each sort orders by; nulls in due dates sort after every real
 * date. Each one matches an index of migration 2 exactly, expressions included.
 */
export const SORT_KEYS: Record<JobSort, string> = {
  created: 'j.created_at',
  updated: 'j.updated_at',
  title: 'j.title',
  due: "COALESCE(j.due_date, '9999-12-31')",
  priority: "CASE j.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END",
};

export const DEFAULT_DIRECTION: Record<JobSort, SortDirection> = {
  created: 'desc',
  updated: 'desc',
  title: 'asc',
  due: 'asc',
  priority: 'desc',
};

/**
 * Picks the ids of one page of a search (JobSearchIndex). Turso's LIKE folds
 * ASCII case only, so SQL never decides which jobs a search matches.
 */
export interface SearchMatcher {
  page(query: SearchPageQuery): Promise<string[]>;
  /** How many live jobs match the words and filters (`jobs.count`). */
  count(query: SearchFilters): Promise<number>;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Who "assigned to me" means: this worker's person id and current name; null without a profile. */
export interface Me {
  id: string;
  name: string;
}

/** The WHERE clause of a job query's filters (not its search words), or null when nothing can match. */
export function jobFilterWhere(query: JobQuery, me: Me | null): { where: string[]; params: SqlValue[] } | null {
  const where: string[] = ['j.deleted_at IS NULL'];
  const params: SqlValue[] = [];
  // Without a profile nothing can be "mine".
  if (query.assignedToMe && me === null) return null;
  if (query.status && query.status.length > 0) {
    // Unary + keeps the planner on the sort index: a status or priority matches
    // about a quarter of all jobs, so seeking it and sorting costs far more.
    where.push(`+j.status IN (${placeholders(query.status.length)})`);
    params.push(...query.status);
  }
  if (query.priority && query.priority.length > 0) {
    where.push(`+j.priority IN (${placeholders(query.priority.length)})`);
    params.push(...query.priority);
  }
  if (query.assignee === null) where.push('j.assignee IS NULL');
  else if (query.assignee !== undefined) {
    where.push('j.assignee = ?');
    params.push(query.assignee);
  }
  if (query.assignedToMe && me !== null) {
    // By person id, so a rename keeps the worker's jobs; a job given a typed
    // name (no id) matches by name. job-search-page.ts checks the same.
    where.push('(j.assignee_id = ? OR (j.assignee_id IS NULL AND j.assignee = ?))');
    params.push(me.id, me.name);
  }
  if (query.siteId) {
    where.push('j.site_id = ?');
    params.push(query.siteId);
  }
  // On the due sort's expression, so both seek jobs_due_sort_idx (migration 9 dropped the plain due-date
  // index); the IS NOT NULL keeps the meaning of a plain `due_date` comparison, which no undated job passes.
  if (query.dueFrom) {
    where.push(`${SORT_KEYS.due} >= ?`);
    params.push(query.dueFrom);
  }
  if (query.dueTo) {
    where.push(`${SORT_KEYS.due} <= ?`);
    params.push(query.dueTo);
  }
  if (query.dueFrom || query.dueTo) where.push('j.due_date IS NOT NULL');
  return { where, params };
}

/** The index's filter fields of a job query (the same filters as jobFilterWhere). */
export function searchFilters(query: JobQuery, words: readonly string[], me: Me | null): SearchFilters {
  return {
    words,
    status: query.status,
    priority: query.priority,
    assignee: query.assignee,
    mine: query.assignedToMe ? (me ?? undefined) : undefined,
    siteId: query.siteId,
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
  };
}

/**
 * Keyset-paged so page N costs the same as page 1: the cursor carries the last
 * row's sort key and id, and the next page starts strictly after it.
 */
export async function listJobs(
  db: Queryable,
  query: JobQuery,
  me: Me | null,
  searchIndex?: SearchMatcher,
): Promise<JobPage> {
  const sort = query.sort ?? 'created';
  const direction = query.direction ?? DEFAULT_DIRECTION[sort];
  const limit = query.limit ?? 50;
  const key = SORT_KEYS[sort];
  const filter = jobFilterWhere(query, me);
  if (filter === null) return { items: [], nextCursor: null };
  const { where, params } = filter;
  const after = query.cursor ? decodeCursor(query.cursor, `${sort}:${direction}`) : null;
  const words = searchWords(query.search ?? '');
  if (words.length > 0) {
    if (!searchIndex) throw new Error('jobs.list: a search needs the search index');
    // The index picks the page; the query below (same filters, order and cursor)
    // then reads just those rows, so the rows and cursors come from SQL as always.
    const ids = await searchIndex.page({
      ...searchFilters(query, words, me),
      sort,
      direction,
      after: after ?? undefined,
      take: limit + 1,
    });
    if (ids.length === 0) return { items: [], nextCursor: null };
    const list = inList(ids);
    where.push(`j.id IN ${list.sql}`);
    params.push(...list.params);
  }
  const rows = await readKeysetPage<JobRow>(db, { select: `SELECT ${JOB_COLUMNS}, ${key} AS sort_key ${FROM}`, key, direction, where, params, after, take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toJob),
    nextCursor:
      rows.length > limit && last && last.sort_key !== undefined
        ? encodeCursor({ sort: `${sort}:${direction}`, key: last.sort_key, id: last.id })
        : null,
  };
}

export const MAX_ASSIGNEES = 500;

export async function listAssignees(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ assignee: string }>(
    'SELECT DISTINCT assignee FROM jobs WHERE assignee IS NOT NULL AND deleted_at IS NULL ORDER BY assignee LIMIT ?',
    [MAX_ASSIGNEES],
  );
  return rows.map((r) => r.assignee);
}
