/**
 * Everything the change log holds about one job: its own edits and those of
 * its timeline entries, checklists and checklist items, read once so the
 * state at any moment (and now) is a projection in memory.
 */
import type { ChangeRow } from '../../changes/projection.js';
import { loadChanges } from '../../changes/projection.js';
import type { Queryable } from '../../db/database.js';

export interface JobTree {
  jobId: string;
  job: ChangeRow[];
  /** Per record id, its changes in stamp order. */
  notes: Map<string, ChangeRow[]>;
  inspections: Map<string, ChangeRow[]>;
  items: Map<string, ChangeRow[]>;
}

const CHUNK = 400;

async function changesById(db: Queryable, entity: string, ids: readonly string[]): Promise<Map<string, ChangeRow[]>> {
  const byId = new Map<string, ChangeRow[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const change of await loadChanges(db, entity, ids.slice(i, i + CHUNK))) byId.get(change.entity_id)?.push(change);
  }
  return byId;
}

async function ids(db: Queryable, sql: string, params: readonly string[]): Promise<string[]> {
  return (await db.all<{ id: string }>(sql, [...params])).map((r) => r.id);
}

/**
 * Children are found through their rows' parent columns, deleted ones included:
 * a timeline entry's job and an item's checklist are set once at creation and
 * never edited, so the rows name every child the job ever had.
 */
export async function loadJobTree(db: Queryable, jobId: string): Promise<JobTree | null> {
  const job = await loadChanges(db, 'job', [jobId]);
  if (job.length === 0) return null;
  const noteIds = await ids(db, 'SELECT id FROM job_notes WHERE job_id = ?', [jobId]);
  const inspectionIds = await ids(db, 'SELECT id FROM inspections WHERE job_id = ?', [jobId]);
  const itemIds: string[] = [];
  for (let i = 0; i < inspectionIds.length; i += CHUNK) {
    const chunk = inspectionIds.slice(i, i + CHUNK);
    itemIds.push(...(await ids(db, `SELECT id FROM inspection_items WHERE inspection_id IN (${chunk.map(() => '?').join(', ')})`, chunk)));
  }
  return {
    jobId,
    job,
    notes: await changesById(db, 'note', noteIds),
    inspections: await changesById(db, 'inspection', inspectionIds),
    items: await changesById(db, 'inspection_item', itemIds),
  };
}

/** How many of the tree's edits are stamped at or above the bound (made after the moment). */
export function editsAfter(tree: JobTree, bound: string): number {
  let count = tree.job.filter((c) => c.hlc >= bound).length;
  for (const group of [tree.notes, tree.inspections, tree.items]) {
    for (const changes of group.values()) count += changes.filter((c) => c.hlc >= bound).length;
  }
  return count;
}
