/**
 * The workspace activity feed: the change log newest first by clock stamp,
 * filtered by edit time, person and kind, in keyset pages (hlc, id) that cost
 * the same on page 1 and page 1,000 (index of migration 4).
 */
import { ACTIVITY_AREAS, type ActivityArea, type ActivityEntry, type ActivityPage } from '../../../../shared/domain/activity.js';
import { AppError } from '../../../../shared/errors.js';
import type { ChangeKind } from '../../changes/change-log.js';
import { referenceLabels, shown } from '../../changes/history.js';
import { parseFields, type ChangeRow } from '../../changes/projection.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { editTimeOf, stampBound, stampFloor } from '../as-of/edit-time.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { nameSubjects } from './activity-subjects.js';

/** The change-log entities behind each kind of the filter. */
export const AREA_ENTITIES: Record<ActivityArea, readonly string[]> = {
  job: ['job'],
  site: ['site'],
  note: ['note'],
  checklist: ['inspection', 'inspection_item'],
  template: ['template'],
};

function areaOf(entity: string): ActivityArea | 'other' {
  return ACTIVITY_AREAS.find((area) => AREA_ENTITIES[area].includes(entity)) ?? 'other';
}

/** The range and filters of the feed (activity-archive.ts reads the same from folds). */
export function checkRange(query: Pick<ActivityQuery, 'since' | 'until'>): void {
  if (query.since && query.until && query.since.getTime() > query.until.getTime()) {
    throw new AppError('INVALID_INPUT', '“Since” is after “Until”: pick a start before the end.', 'since');
  }
}

export interface ActivityQuery {
  since?: Date;
  until?: Date;
  personId?: string;
  kinds?: readonly ActivityArea[];
  limit?: number;
  cursor?: string | null;
}

// Ties of stamp (rare, shared/hlc.ts) by rowid: the stamp index holds it after the stamp (migration 10).
const CURSOR_SORT = 'activity:hlc-rowid-desc';

/** Feed entries of change rows, in their order, named (job, site, label) and with references labelled. */
export async function entriesOf(db: Queryable, rows: readonly ChangeRow[], source?: 'archive'): Promise<ActivityEntry[]> {
  const items: ActivityEntry[] = rows.map((row) => ({
    changeId: row.id,
    area: areaOf(row.entity),
    entity: row.entity,
    entityId: row.entity_id,
    kind: row.kind as ChangeKind,
    editedAt: editTimeOf(row.hlc),
    actor: row.actor,
    deviceId: row.device_id,
    jobId: null,
    jobTitle: null,
    siteName: null,
    label: null,
    fields: Object.entries(parseFields(row)).map(([field, value]) => ({ field, value: shown(value) })),
    ...(source ? { source } : {}),
  }));
  await nameSubjects(db, items);
  await referenceLabels(db, items);
  return items;
}

export async function listActivity(db: Queryable, query: ActivityQuery): Promise<ActivityPage> {
  const limit = query.limit ?? 50;
  const where: string[] = [];
  const params: SqlValue[] = [];
  checkRange(query);
  if (query.until) {
    where.push('hlc < ?');
    params.push(stampBound(query.until.getTime()));
  }
  if (query.since) {
    where.push('hlc >= ?');
    params.push(stampFloor(query.since.getTime()));
  }
  if (query.personId) {
    where.push('device_id = ?');
    params.push(query.personId);
  }
  if (query.kinds && query.kinds.length > 0) {
    const entities = [...new Set(query.kinds.flatMap((k) => AREA_ENTITIES[k]))];
    where.push(`entity IN (${entities.map(() => '?').join(', ')})`);
    params.push(...entities);
  }
  if (query.cursor) {
    const after = decodeCursor(query.cursor, CURSOR_SORT);
    if (!/^\d{1,16}$/.test(after.id)) throw new AppError('INVALID_INPUT', 'The list position (cursor) does not fit this list or sort; start again from the top.', 'cursor');
    // A range plus a tie-break, so the planner walks the stamp index (hlc, then rowid) from the cursor.
    where.push('hlc <= ? AND (hlc < ? OR rowid < ?)');
    params.push(after.key, after.key, Number(after.id));
  }
  const rows = await db.all<ChangeRow & { rid: number }>(
    `SELECT rowid AS rid, id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY hlc DESC, rowid DESC LIMIT ?`,
    [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  const items = await entriesOf(db, page);
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ sort: CURSOR_SORT, key: last.hlc, id: String(last.rid) }) : null,
  };
}
