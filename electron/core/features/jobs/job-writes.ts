/**
 * The job edits that also write timeline entries (assignment, status). Handlers
 * and history restores both go through here, so restoring an old value notes it
 * on the timeline exactly as making the change directly does.
 */
import { STATUS_LABELS, type Job, type JobStatus } from '../../../../shared/domain/jobs.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { appendNote } from '../notes/note-queries.js';
import { getLiveSite } from '../sites/site-queries.js';
import { jobEntity } from './job-entity.js';
import { getJob, getLiveJob } from './job-queries.js';

export type JobField = 'title' | 'description' | 'siteId' | 'priority' | 'assignee' | 'assigneeId' | 'dueDate';

export interface JobChanges {
  title?: string;
  description?: string;
  siteId?: string | null;
  priority?: Job['priority'];
  assignee?: string | null;
  /** Only read together with `assignee`. */
  assigneeId?: string | null;
  dueDate?: string | null;
}

export function assignmentText(from: string | null, to: string | null): string {
  if (to === null) return `Unassigned (was ${from ?? 'nobody'})`;
  return from === null ? `Assigned to ${to}` : `Reassigned from ${from} to ${to}`;
}

/**
 * The person id that goes with a new assignee: the one given, none for nobody,
 * and the current one when the name is unchanged and no id was given (a form
 * that re-sends the same name must not unlink the person).
 */
function nextAssigneeId(job: Job, changes: JobChanges): string | null {
  if (changes.assignee === null || changes.assignee === undefined) return null;
  if (changes.assigneeId !== undefined) return changes.assigneeId;
  return changes.assignee === job.assignee ? job.assigneeId : null;
}

/** Changes the given fields of a live job in the caller's transaction; false when nothing differed. */
export async function updateJob(tx: Queryable, edits: EditContext, id: string, changes: JobChanges): Promise<boolean> {
  const job = await getLiveJob(tx, id);
  if (changes.siteId && changes.siteId !== job.siteId) await getLiveSite(tx, changes.siteId);
  const values: Partial<Record<JobField, SqlValue>> = {};
  for (const field of ['title', 'description', 'siteId', 'priority', 'dueDate'] as const) {
    const next = changes[field];
    if (next !== undefined && next !== job[field]) values[field] = next;
  }
  if (changes.assignee !== undefined) {
    const assigneeId = nextAssigneeId(job, changes);
    if (changes.assignee !== job.assignee || assigneeId !== job.assigneeId) {
      values.assignee = changes.assignee;
      values.assigneeId = assigneeId;
    }
  }
  if (Object.keys(values).length === 0) return false;
  await recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'update', values });
  if ('assignee' in values && values.assignee !== job.assignee) {
    await appendNote(tx, edits, id, 'assignment', assignmentText(job.assignee, changes.assignee ?? null));
  }
  return true;
}

/** Moves a live job to another status and notes it; false when it already had it. */
export async function setJobStatus(tx: Queryable, edits: EditContext, id: string, status: JobStatus): Promise<boolean> {
  const job = await getLiveJob(tx, id);
  if (job.status === status) return false;
  await recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'update', values: { status } });
  await appendNote(tx, edits, id, 'status', statusChangeText(job.status, status));
  return true;
}

/** The timeline entry of a status change. */
export function statusChangeText(from: JobStatus, to: JobStatus): string {
  const verb = from === 'done' ? 'Reopened' : 'Status changed';
  return `${verb}: ${STATUS_LABELS[from]} → ${STATUS_LABELS[to]}`;
}

const isStatus = (value: unknown): value is JobStatus => typeof value === 'string' && value in STATUS_LABELS;
const textOrNull = (value: SqlValue | undefined): string | null => (typeof value === 'string' ? value : null);

/**
 * History restore of one job field (see changes/history.ts): status and
 * assignee go through the same paths as the direct change. An assignee is
 * restored with the person id the same edit gave it. Returns false for fields
 * it leaves to the generic restore.
 */
export async function restoreJobField(
  tx: Queryable,
  edits: EditContext,
  jobId: string,
  field: string,
  values: Readonly<Record<string, SqlValue>>,
): Promise<boolean> {
  // A deleted job keeps taking edits underneath (README "Delete versus edit"), without timeline entries.
  if ((await getJob(tx, jobId)).deletedAt !== null) return false;
  if (field === 'status') {
    const status = values.status;
    if (!isStatus(status)) return false;
    await setJobStatus(tx, edits, jobId, status);
    return true;
  }
  if (field === 'assignee' || field === 'assigneeId') {
    const assignee = textOrNull(values.assignee);
    const assigneeId = assignee === null ? null : textOrNull(values.assigneeId);
    await updateJob(tx, edits, jobId, { assignee, assigneeId });
    return true;
  }
  return false;
}
