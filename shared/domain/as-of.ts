/** A job or site as it was at a moment, computed from the change log (see README "Point in time"). */
import type { Inspection } from './inspections.js';
import type { Job } from './jobs.js';
import type { Note } from './notes.js';
import type { Site } from './sites.js';

/** One record whose fields a "restore to this moment" would set back. */
export interface AsOfDifference {
  entity: 'job' | 'site' | 'inspection' | 'inspection_item';
  entityId: string;
  /** What the record is called (a checklist item's label, a checklist's name); null for the job or site itself. */
  label: string | null;
  /** Fields that differ now; `deletedAt` means the record is deleted now and was not then, or the reverse. */
  fields: string[];
}

interface AsOfCommon {
  /** The moment asked for (ISO). Every edit whose edit time (its clock stamp's wall time) is at or before it counts. */
  at: string;
  /** False when the record had not been created yet at that moment. */
  existed: boolean;
  /** Edit time of the record's first edit (its creation), ISO. */
  createdAt: string;
  /** Edits of the record (and, for a job, its checklist and timeline) made after the moment. */
  editsSince: number;
  /** What "restore to this moment" would change; empty when nothing differs. */
  differences: AsOfDifference[];
}

export interface AsOfJob extends AsOfCommon {
  /** The job's fields then (its site name as it was then, `deletedAt` set when it was deleted then); null before it existed. */
  job: Job | null;
  inspection: Inspection | null;
  notes: Note[];
}

export interface AsOfSite extends AsOfCommon {
  site: Site | null;
}
