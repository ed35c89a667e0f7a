/** A job's state at a moment, from its change-log tree: the job, its checklist and its timeline. */
import type { AsOfDifference } from '../../../../shared/domain/as-of.js';
import type { Inspection, InspectionItem, ItemResult } from '../../../../shared/domain/inspections.js';
import type { Job, JobPriority, JobStatus } from '../../../../shared/domain/jobs.js';
import type { Note, NoteKind } from '../../../../shared/domain/notes.js';
import type { EntitySpec } from '../../changes/entity.js';
import type { ProjectedChange } from '../../changes/projection.js';
import type { SqlValue } from '../../db/database.js';
import { inspectionEntity, inspectionItemEntity } from '../inspections/inspection-entity.js';
import { jobEntity } from '../jobs/job-entity.js';
import { noteEntity } from '../notes/note-entity.js';
import type { JobTree } from './job-tree.js';
import { diffRecord, isLive, recordAt, type RecordDiff, type RecordState } from './record-state.js';

export interface JobState {
  job: RecordState | null;
  /** Every checklist and item the job ever had, as it was (null: not created yet). */
  inspections: Map<string, RecordState | null>;
  items: Map<string, RecordState | null>;
  notes: Map<string, RecordState | null>;
}

function statesOf(spec: EntitySpec, group: ReadonlyMap<string, readonly ProjectedChange[]>, bound: string): Map<string, RecordState | null> {
  const states = new Map<string, RecordState | null>();
  for (const [id, changes] of group) states.set(id, recordAt(spec, id, changes, bound));
  return states;
}

export function jobStateAt(tree: JobTree, bound: string): JobState {
  return {
    job: recordAt(jobEntity, tree.jobId, tree.job, bound),
    inspections: statesOf(inspectionEntity, tree.inspections, bound),
    items: statesOf(inspectionItemEntity, tree.items, bound),
    notes: statesOf(noteEntity, tree.notes, bound),
  };
}

const text = (value: SqlValue | undefined, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const textOrNull = (value: SqlValue | undefined): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: SqlValue | undefined): number | null => (value === null || value === undefined ? null : Number(value));

export function toJob(state: RecordState, siteName: string | null): Job {
  const v = state.values;
  return {
    id: state.id,
    title: text(v.title),
    description: text(v.description),
    siteId: textOrNull(v.siteId),
    siteName: textOrNull(v.siteId) === null ? null : siteName,
    priority: text(v.priority, 'normal') as JobPriority,
    status: text(v.status, 'open') as JobStatus,
    assignee: textOrNull(v.assignee),
    assigneeId: textOrNull(v.assigneeId),
    dueDate: textOrNull(v.dueDate),
    createdAt: text(v.createdAt),
    createdBy: text(v.createdBy),
    updatedAt: text(v.updatedAt),
    updatedBy: text(v.updatedBy),
    deletedAt: textOrNull(v.deletedAt),
  };
}

/** The job's checklist then: as the screen picks it, the first started of the live ones. */
export function inspectionOf(state: JobState, jobId: string): Inspection | null {
  const live = [...state.inspections.values()]
    .filter(isLive)
    .filter((s) => s.values.jobId === jobId)
    .sort((a, b) => (text(a.values.createdAt) < text(b.values.createdAt) ? -1 : text(a.values.createdAt) > text(b.values.createdAt) ? 1 : a.id < b.id ? -1 : 1));
  const chosen = live[0];
  if (!chosen) return null;
  const items = [...state.items.values()]
    .filter(isLive)
    .filter((s) => s.values.inspectionId === chosen.id)
    .sort((a, b) => Number(a.values.position) - Number(b.values.position) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(
      (s): InspectionItem => ({
        id: s.id,
        position: Number(s.values.position),
        label: text(s.values.label),
        result: textOrNull(s.values.result) as ItemResult | null,
        comment: text(s.values.comment),
        measurement: numberOrNull(s.values.measurement),
        unit: text(s.values.unit),
        photoOnFail: Number(s.values.photoOnFail ?? 0) === 1,
      }),
    );
  const v = chosen.values;
  return {
    id: chosen.id,
    jobId,
    templateId: text(v.templateId),
    templateName: text(v.templateName),
    signedOffAt: textOrNull(v.signedOffAt),
    signedOffBy: textOrNull(v.signedOffBy),
    items,
    createdAt: text(v.createdAt),
    createdBy: text(v.createdBy),
    updatedAt: text(v.updatedAt),
    updatedBy: text(v.updatedBy),
  };
}

/** The timeline then, in the order the timeline shows it (time, then the creating stamp, then id). */
export function notesOf(state: JobState, jobId: string): Note[] {
  return [...state.notes.values()]
    .filter(isLive)
    .filter((s) => s.values.jobId === jobId)
    .sort((a, b) => {
      const ta = text(a.values.createdAt);
      const tb = text(b.values.createdAt);
      if (ta !== tb) return ta < tb ? -1 : 1;
      if (a.firstHlc !== b.firstHlc) return a.firstHlc < b.firstHlc ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((s) => ({
      id: s.id,
      jobId,
      kind: text(s.values.kind, 'note') as NoteKind,
      body: text(s.values.body),
      createdAt: text(s.values.createdAt),
      createdBy: text(s.values.createdBy),
    }));
}

export interface JobRestorePlan {
  job: RecordDiff | null;
  inspections: { id: string; diff: RecordDiff; then: RecordState | null; now: RecordState }[];
  items: { id: string; diff: RecordDiff; label: string }[];
}

/**
 * What sets the job back to `then`: its fields, and every checklist and
 * answer. Timeline entries are not undone: the timeline is append-only and
 * records the restore itself.
 */
export function planJobRestore(then: JobState, now: JobState): JobRestorePlan {
  const plan: JobRestorePlan = { job: diffRecord(jobEntity, then.job, now.job), inspections: [], items: [] };
  for (const [id, nowState] of now.inspections) {
    const diff = diffRecord(inspectionEntity, then.inspections.get(id) ?? null, nowState);
    if (diff && nowState) plan.inspections.push({ id, diff, then: then.inspections.get(id) ?? null, now: nowState });
  }
  for (const [id, nowState] of now.items) {
    const diff = diffRecord(inspectionItemEntity, then.items.get(id) ?? null, nowState);
    if (diff && nowState) plan.items.push({ id, diff, label: text((then.items.get(id) ?? nowState).values.label) });
  }
  return plan;
}

const changedFields = (diff: RecordDiff): string[] => [...Object.keys(diff.values), ...(diff.lifecycle ? ['deletedAt'] : [])];

export function describePlan(jobId: string, plan: JobRestorePlan): AsOfDifference[] {
  const out: AsOfDifference[] = [];
  if (plan.job) out.push({ entity: 'job', entityId: jobId, label: null, fields: changedFields(plan.job) });
  for (const i of plan.inspections) {
    out.push({ entity: 'inspection', entityId: i.id, label: text((i.then ?? i.now).values.templateName), fields: changedFields(i.diff) });
  }
  for (const i of plan.items) out.push({ entity: 'inspection_item', entityId: i.id, label: i.label, fields: changedFields(i.diff) });
  return out;
}
