/**
 * A job's state now, from its domain rows: they are the projection of the log
 * (README, Conflicts), and a few rows cost far less than re-projecting every
 * edit. The as-of view compares against it; a restore, which writes, projects
 * the whole log instead (restore-moment.ts).
 */
import type { EntitySpec } from '../../changes/entity.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { inspectionEntity, inspectionItemEntity } from '../inspections/inspection-entity.js';
import { jobEntity } from '../jobs/job-entity.js';
import type { JobState } from './job-state.js';
import type { RecordState } from './record-state.js';

function rowState(spec: EntitySpec, row: Record<string, SqlValue>): RecordState {
  const values: Record<string, SqlValue> = {};
  for (const [field, column] of Object.entries(spec.columns as Record<string, string>)) {
    if (Object.prototype.hasOwnProperty.call(row, column)) values[field] = row[column] ?? null;
  }
  // Only the as-of view's comparison reads it; it never orders by the first stamp.
  return { id: String(row.id), values, firstHlc: '' };
}

export async function currentJobState(db: Queryable, jobId: string): Promise<JobState> {
  // Three reads in flight together: each is a round trip to the engine's process.
  const [job, inspections, items] = await Promise.all([
    db.get<Record<string, SqlValue>>('SELECT * FROM jobs WHERE id = ?', [jobId]),
    db.all<Record<string, SqlValue>>('SELECT * FROM inspections WHERE job_id = ?', [jobId]),
    db.all<Record<string, SqlValue>>('SELECT t.* FROM inspections i JOIN inspection_items t ON t.inspection_id = i.id WHERE i.job_id = ?', [jobId]),
  ]);
  return {
    job: job ? rowState(jobEntity, job) : null,
    inspections: new Map(inspections.map((r) => [String(r.id), rowState(inspectionEntity, r)])),
    items: new Map(items.map((r) => [String(r.id), rowState(inspectionItemEntity, r)])),
    notes: new Map(),
  };
}
