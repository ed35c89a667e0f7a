/** SQL for jobs: reads, page cursors and row shaping. Writes go through the change log. */
import type { Job, JobPage, JobPriority, JobStatus } from '../../../../shared/domain/jobs.js';
import { AppError } from '../../../../shared/errors.js';
import type { Queryable } from '../../db/database.js';

interface JobRow {
  id: string;
  title: string;
  description: string;
  site_id: string | null;
  priority: string;
  status: string;
  assignee: string | null;
  due_date: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

const JOB_COLUMNS =
  'id, title, description, site_id, priority, status, assignee, due_date, created_at, created_by, updated_at, updated_by, deleted_at';

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    siteId: row.site_id,
    priority: row.priority as JobPriority,
    status: row.status as JobStatus,
    assignee: row.assignee,
    dueDate: row.due_date,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
  };
}

export async function findJob(db: Queryable, id: string): Promise<Job | undefined> {
  const row = await db.get<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`, [id]);
  return row ? toJob(row) : undefined;
}

export async function getJob(db: Queryable, id: string): Promise<Job> {
  const job = await findJob(db, id);
  if (!job) throw new AppError('NOT_FOUND', `No job with id ${id}`);
  return job;
}

interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_INPUT', 'jobs.list: cursor is not one this app produced');
}

/** Newest first, keyset-paged so page N costs the same as page 1. */
export async function listJobs(db: Queryable, limit: number, cursor: string | null): Promise<JobPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = after
    ? await db.all<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE deleted_at IS NULL AND (created_at < ? OR (created_at = ? AND id < ?))
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        [after.createdAt, after.createdAt, after.id, limit + 1],
      )
    : await db.all<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
        [limit + 1],
      );
  const items = rows.slice(0, limit).map(toJob);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
