/** "As it was at <time>" for a job (fields, checklist, timeline) and for a site, read-only. */
import type { AsOfJob, AsOfSite } from '../../../../shared/domain/as-of.js';
import type { Site } from '../../../../shared/domain/sites.js';
import { AppError } from '../../../../shared/errors.js';
import type { ArchivedRows } from '../../changes/archived-rows.js';
import { loadFolds } from '../../changes/folds.js';
import { loadChanges, type ProjectedChange } from '../../changes/projection.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { siteEntity } from '../sites/site-entity.js';
import { editTimeOf, NO_BOUND, stampBound } from './edit-time.js';
import { currentJobState } from './current-state.js';
import { foldedBefore } from './folded-moment.js';
import { loadJobTreeAt } from './job-tree.js';
import { describePlan, inspectionOf, jobStateAt, notesOf, planJobRestore, toJob } from './job-state.js';
import { diffRecord, recordAt, type RecordState } from './record-state.js';

/** A site's name at the moment (a job's site as it was called then); the current name if it did not exist yet. */
async function siteNameAt(db: Queryable, siteId: string, bound: string, archived?: ArchivedRows): Promise<string | null> {
  const state = recordAt(siteEntity, siteId, (await siteLog(db, siteId, bound, archived)).rows, bound);
  if (state && typeof state.values.name === 'string') return state.values.name;
  const row = await db.get<{ name: string }>('SELECT name FROM sites WHERE id = ?', [siteId]);
  return row?.name ?? null;
}

/** `archived` reads the edits inside folds for a moment among them; without it such a moment is refused. */
export async function asOfJob(db: Queryable, jobId: string, at: Date, archived?: ArchivedRows): Promise<AsOfJob> {
  const bound = stampBound(at.getTime());
  // Only the edits made by then are read; "now" comes from the rows, asked for at once (the engine's process reads while the tree travels).
  const [{ tree, firstStamp: first, editsAfter }, now] = await Promise.all([loadJobTreeAt(db, jobId, bound, archived), currentJobState(db, jobId)]);
  if (!first) throw new AppError('NOT_FOUND', `No job with id ${jobId} has ever existed in this workspace.`, 'id');
  const then = jobStateAt(tree, bound);
  const siteId = typeof then.job?.values.siteId === 'string' ? then.job.values.siteId : null;
  return {
    at: at.toISOString(),
    existed: then.job !== null,
    createdAt: editTimeOf(first),
    editsSince: editsAfter,
    differences: then.job ? describePlan(jobId, planJobRestore(then, now)) : [],
    job: then.job ? toJob(then.job, siteId ? await siteNameAt(db, siteId, bound, archived) : null) : null,
    inspection: then.job ? inspectionOf(then, jobId) : null,
    notes: then.job ? notesOf(then, jobId) : [],
  };
}

const SITE_TEXT = ['name', 'address', 'contact', 'notes'] as const;

export function toSite(state: RecordState): Site {
  const v = state.values;
  const text = (value: SqlValue | undefined) => (typeof value === 'string' ? value : '');
  const numberOrNull = (value: SqlValue | undefined) => (value === null || value === undefined ? null : Number(value));
  const [name, address, contact, notes] = SITE_TEXT.map((f) => text(v[f]));
  return {
    id: state.id,
    name: name!,
    address: address!,
    latitude: numberOrNull(v.latitude),
    longitude: numberOrNull(v.longitude),
    contact: contact!,
    notes: notes!,
    createdAt: text(v.createdAt),
    createdBy: text(v.createdBy),
    updatedAt: text(v.updatedAt),
    updatedBy: text(v.updatedBy),
    deletedAt: typeof v.deletedAt === 'string' ? v.deletedAt : null,
  };
}

/**
 * A site's edits before the bound (its folded ones included, see folded-moment.ts), and how many of its
 * edits came at or after it.
 */
async function siteLog(db: Queryable, siteId: string, bound: string, archived?: ArchivedRows): Promise<{ rows: ProjectedChange[]; after: number }> {
  const changes: ProjectedChange[] = await loadChanges(db, 'site', [siteId]);
  const folds = await loadFolds(db, 'site', [siteId]);
  const own = { rows: changes, after: changes.filter((c) => c.hlc >= bound).length };
  if (folds.length === 0) return own;
  const folded = await foldedBefore(folds, bound, 'this site', archived);
  return { rows: [...changes, ...folded.rows], after: own.after + folded.after };
}

export async function loadSiteStates(db: Queryable, siteId: string, at: Date, archived?: ArchivedRows) {
  const bound = stampBound(at.getTime());
  // Then from the edits before the bound (a moment inside a fold reads the archive or is refused); now from every edit.
  const atMoment = await siteLog(db, siteId, bound, archived);
  const changes = (await siteLog(db, siteId, NO_BOUND)).rows;
  if (changes.length === 0) throw new AppError('NOT_FOUND', `No site with id ${siteId} has ever existed in this workspace.`, 'id');
  return {
    changes,
    bound,
    editsAfter: atMoment.after,
    then: recordAt(siteEntity, siteId, atMoment.rows, bound),
    now: recordAt(siteEntity, siteId, changes, NO_BOUND),
  };
}

export async function asOfSite(db: Queryable, siteId: string, at: Date, archived?: ArchivedRows): Promise<AsOfSite> {
  const { changes, editsAfter, then, now } = await loadSiteStates(db, siteId, at, archived);
  const diff = then ? diffRecord(siteEntity, then, now) : null;
  return {
    at: at.toISOString(),
    existed: then !== null,
    createdAt: editTimeOf(now?.firstHlc ?? changes[0]!.hlc),
    editsSince: editsAfter,
    differences: diff ? [{ entity: 'site', entityId: siteId, label: null, fields: [...Object.keys(diff.values), ...(diff.lifecycle ? ['deletedAt'] : [])] }] : [],
    site: then ? toSite(then) : null,
  };
}
