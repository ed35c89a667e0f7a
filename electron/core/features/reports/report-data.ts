/** Everything one job's report shows, read from the replica (so it works offline). */
import type { Inspection } from '../../../../shared/domain/inspections.js';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { Note } from '../../../../shared/domain/notes.js';
import type { Site } from '../../../../shared/domain/sites.js';
import { AppError } from '../../../../shared/errors.js';
import { foldFields, loadFolds } from '../../changes/folds.js';
import type { Queryable } from '../../db/database.js';
import { editTimeOf } from '../as-of/edit-time.js';
import { findInspectionForJob } from '../inspections/inspection-queries.js';
import { findJob } from '../jobs/job-queries.js';
import { listNotes } from '../notes/note-queries.js';
import { getSite } from '../sites/site-queries.js';
import type { ReportImage, ReportMedia } from './report-media.js';

export interface JobReport {
  workspaceName: string;
  generatedAt: Date;
  job: Job;
  /** When the job last moved to Done; null unless it is done now. */
  completedAt: string | null;
  site: Site | null;
  inspection: Inspection | null;
  notes: Note[];
  jobPhotos: ReportImage[];
  itemPhotos: Map<string, ReportImage[]>;
  signature: ReportImage | null;
}

/**
 * The change that last set the status, if it set it to done (changes.fields is the edit's JSON values). After
 * compaction that change may be folded: its fold keeps it as the status winner with its stamp, whose edit time is
 * the time it was made (the projection's order decides between a row and a fold's winner).
 */
async function completedAt(db: Queryable, job: Job): Promise<string | null> {
  if (job.status !== 'done') return null;
  const rows = await db.all<{ id: string; hlc: string; fields: string; created_at: string }>(
    "SELECT id, hlc, fields, created_at FROM changes WHERE entity = 'job' AND entity_id = ? ORDER BY hlc DESC, id DESC",
    [job.id],
  );
  let last: { hlc: string; id: string; value: unknown; at: string } | null = null;
  for (const row of rows) {
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    if ('status' in fields) {
      last = { hlc: row.hlc, id: row.id, value: fields.status, at: row.created_at };
      break;
    }
  }
  for (const fold of await loadFolds(db, 'job', [job.id])) {
    const winner = foldFields(fold).status;
    if (!winner) continue;
    const [value, hlc, id] = winner;
    if (!last || hlc > last.hlc || (hlc === last.hlc && id > last.id)) last = { hlc, id, value, at: editTimeOf(hlc) };
  }
  return last?.value === 'done' ? last.at : null;
}

export async function loadJobReport(
  db: Queryable,
  jobId: string,
  options: { workspaceName: string; media: ReportMedia; now: Date },
): Promise<JobReport> {
  const job = await findJob(db, jobId);
  if (!job) throw new AppError('NOT_FOUND', 'There is no such job on this laptop, so no report was made. It may have been deleted on another laptop; go back to the list and pick it again.', 'jobId');
  if (job.deletedAt) throw new AppError('NOT_FOUND', `The job “${job.title}” was deleted, so no report was made. Restore it from Deleted first.`, 'jobId');
  // A deleted site still names where the work was done.
  const site = job.siteId ? await getSite(db, job.siteId).catch(() => null) : null;
  const inspection = await findInspectionForJob(db, job.id);
  const [notes, done, jobPhotos, itemPhotos, signature] = await Promise.all([
    listNotes(db, job.id),
    completedAt(db, job),
    options.media.jobPhotos(job.id),
    inspection ? options.media.itemPhotos(inspection.id) : Promise.resolve(new Map<string, ReportImage[]>()),
    inspection?.signedOffAt ? options.media.signature(inspection.id) : Promise.resolve(null),
  ]);
  return {
    workspaceName: options.workspaceName,
    generatedAt: options.now,
    job,
    completedAt: done,
    site,
    inspection,
    notes,
    jobPhotos,
    itemPhotos,
    signature,
  };
}
