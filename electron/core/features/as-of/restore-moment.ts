/**
 * "Restore to this moment": one transaction that sets every field of a job
 * (with its checklists and answers) or a site that changed since a moment back
 * to its value then, through the change log like any edit (one change per
 * record), so it syncs and history keeps everything. Status, assignment and
 * sign-off changes write the same timeline entries the direct changes do.
 */
import { STATUS_LABELS, type JobStatus } from '../../../../shared/domain/jobs.js';
import { AppError } from '../../../../shared/errors.js';
import type { ArchivedRows } from '../../changes/archived-rows.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { EntitySpec } from '../../changes/entity.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { inspectionEntity, inspectionItemEntity } from '../inspections/inspection-entity.js';
import { jobEntity } from '../jobs/job-entity.js';
import { assignmentText, statusChangeText } from '../jobs/job-writes.js';
import { appendNote } from '../notes/note-queries.js';
import { siteEntity } from '../sites/site-entity.js';
import { countLiveJobsAtSite } from '../sites/site-queries.js';
import { loadSiteStates } from './as-of-queries.js';
import { editTimeOf, NO_BOUND, stampBound } from './edit-time.js';
import { loadJobTree, loadJobTreeAt } from './job-tree.js';
import { jobStateAt, planJobRestore } from './job-state.js';
import { diffRecord, isLive, type RecordDiff } from './record-state.js';

const isStatus = (value: unknown): value is JobStatus => typeof value === 'string' && value in STATUS_LABELS;
const textOrNull = (value: SqlValue | undefined): string | null => (typeof value === 'string' ? value : null);

/** Writes one record's diff: undelete first, then the fields in one edit, delete last. */
async function applyDiff(tx: Queryable, edits: EditContext, spec: EntitySpec, id: string, diff: RecordDiff): Promise<void> {
  if (diff.lifecycle === 'restore') await recordEdit(tx, edits, spec, { entityId: id, kind: 'restore', values: {} });
  if (Object.keys(diff.values).length > 0) await recordEdit(tx, edits, spec, { entityId: id, kind: 'update', values: diff.values });
  if (diff.lifecycle === 'delete') await recordEdit(tx, edits, spec, { entityId: id, kind: 'delete', values: {} });
}

const nothingDiffers = (what: string, at: Date) => new AppError('CONFLICT', `Nothing to restore: ${what} now as at ${at.toISOString()}.`);

/**
 * Returns how many records were edited. Runs in the caller's transaction; a moment inside a fold reads the
 * archive through `archived` (read it before the transaction, e.g. by showing the moment, so none is fetched inside).
 */
export async function restoreJobToMoment(tx: Queryable, edits: EditContext, jobId: string, at: Date, archived?: ArchivedRows): Promise<number> {
  const tree = await loadJobTree(tx, jobId);
  if (tree.job.length === 0) throw new AppError('NOT_FOUND', `No job with id ${jobId} has ever existed in this workspace.`, 'id');
  // The edits before the moment, read apart: a fold's winners alone cannot say what held inside it.
  const bound = stampBound(at.getTime());
  const then = jobStateAt((await loadJobTreeAt(tx, jobId, bound, archived)).tree, bound);
  const now = jobStateAt(tree, NO_BOUND);
  if (!then.job || !now.job) {
    throw new AppError(
      'CONFLICT',
      `This job did not exist yet at ${at.toISOString()} (it was created at ${editTimeOf(tree.job.reduce((min, c) => (c.hlc < min ? c.hlc : min), tree.job[0]!.hlc))}); delete it instead if it should go.`,
      'at',
    );
  }
  const plan = planJobRestore(then, now);
  if (!plan.job && plan.inspections.length === 0 && plan.items.length === 0) throw nothingDiffers('this job, its checklist and its answers are the same', at);
  // A deleted job keeps taking edits underneath, without timeline entries (README "Delete versus edit").
  const timeline = isLive(then.job);
  const before = now.job.values;

  if (plan.job?.lifecycle === 'restore') await recordEdit(tx, edits, jobEntity, { entityId: jobId, kind: 'restore', values: {} });
  const values = plan.job?.values ?? {};
  if (Object.keys(values).length > 0) {
    await recordEdit(tx, edits, jobEntity, { entityId: jobId, kind: 'update', values });
    if (timeline && isStatus(values.status) && isStatus(before.status)) {
      await appendNote(tx, edits, jobId, 'status', statusChangeText(before.status, values.status));
    }
    if (timeline && 'assignee' in values) {
      await appendNote(tx, edits, jobId, 'assignment', assignmentText(textOrNull(before.assignee), textOrNull(values.assignee)));
    }
  }
  for (const { id, diff, then: was, now: is } of plan.inspections) {
    await applyDiff(tx, edits, inspectionEntity, id, diff);
    if (!timeline) continue;
    const name = textOrNull((was ?? is).values.templateName) ?? 'Checklist';
    if (diff.lifecycle === 'delete') await appendNote(tx, edits, jobId, 'inspection', `Checklist “${name}” removed`);
    else if ('signedOffAt' in diff.values) {
      const verb = diff.values.signedOffAt === null ? 'reopened' : 'signed off';
      await appendNote(tx, edits, jobId, 'inspection', `Checklist “${name}” ${verb}`);
    }
  }
  for (const { id, diff } of plan.items) await applyDiff(tx, edits, inspectionItemEntity, id, diff);
  if (plan.job?.lifecycle === 'delete') await recordEdit(tx, edits, jobEntity, { entityId: jobId, kind: 'delete', values: {} });
  return (plan.job ? 1 : 0) + plan.inspections.length + plan.items.length;
}

export async function restoreSiteToMoment(tx: Queryable, edits: EditContext, siteId: string, at: Date, archived?: ArchivedRows): Promise<number> {
  const { changes, then, now } = await loadSiteStates(tx, siteId, at, archived);
  if (!then || !now) {
    throw new AppError(
      'CONFLICT',
      `This site did not exist yet at ${at.toISOString()} (it was created at ${editTimeOf(changes[0]!.hlc)}); delete it instead if it should go.`,
      'at',
    );
  }
  const diff = diffRecord(siteEntity, then, now);
  if (!diff) throw nothingDiffers('this site is the same', at);
  if (diff.lifecycle === 'delete') {
    // The same rule as deleting it directly.
    const jobs = await countLiveJobsAtSite(tx, siteId);
    if (jobs > 0) {
      const them = jobs === 1 ? 'it' : 'them';
      throw new AppError(
        'CONFLICT',
        `This site was deleted at that moment, but it now has ${jobs === 1 ? '1 job' : `${jobs} jobs`}. Move ${them} to another site or delete ${them} first.`,
      );
    }
  }
  await applyDiff(tx, edits, siteEntity, siteId, diff);
  return 1;
}
