/**
 * The domain row is a projection of the change log: for each field, the value
 * set by the change with the greatest clock stamp wins. Every replica ends with
 * the same changes, so every replica computes the same row.
 */
import type { Queryable, SqlValue } from '../db/database.js';
import type { EntitySpec } from './entity.js';
import { foldAsChanges, loadFolds } from './folds.js';

export interface ChangeRow {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  hlc: string;
  device_id: string;
  actor: string;
  fields: string;
  created_at: string;
}

export interface FieldWinner {
  value: SqlValue;
  changeId: string;
  hlc: string;
}

export interface Projection {
  /** Only fields the entity declares; fields from a newer app version are ignored. */
  fields: Map<string, FieldWinner>;
  /** A create is in the log, so the row may be inserted if it is missing. */
  hasCreate: boolean;
}

/**
 * The values a change set. Since migration 10 a change's `fields` no longer repeats its row's `created_at`
 * and `actor` as `updatedAt` and `updatedBy` (every edit sets both: change-log.ts); they are read from the
 * row's columns when absent. Rows written before carry them in `fields`, which then wins. A fold's stand-in
 * rows (folds.ts) carry no time or author (''), and their `fields` already hold whatever they won.
 */
export function parseFields(change: Pick<ChangeRow, 'id' | 'fields'> & Partial<Pick<ChangeRow, 'created_at' | 'actor'>>): Record<string, SqlValue> {
  let values: Record<string, SqlValue> = {};
  try {
    const parsed = JSON.parse(change.fields) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) values = parsed as Record<string, SqlValue>;
    else return {};
  } catch {
    // a damaged entry is reported below by returning nothing
    return {};
  }
  if (change.created_at && !Object.prototype.hasOwnProperty.call(values, 'updatedAt')) values.updatedAt = change.created_at;
  if (change.actor && !Object.prototype.hasOwnProperty.call(values, 'updatedBy')) values.updatedBy = change.actor;
  return values;
}

/**
 * The `fields` a change row is written with: its values without `updatedAt` and `updatedBy` when they equal
 * the row's `created_at` and `actor` (parseFields reads them back from there).
 */
export function storedFields(values: Readonly<Record<string, SqlValue | undefined>>, createdAt: string, actor: string): string {
  const kept: Record<string, SqlValue | undefined> = { ...values };
  if (kept.updatedAt === createdAt) delete kept.updatedAt;
  if (kept.updatedBy === actor) delete kept.updatedBy;
  return JSON.stringify(kept);
}

/** Stamps are unique (they carry the device id); the change id breaks a tie anyway. */
export function compareChanges(a: Pick<ChangeRow, 'hlc' | 'id'>, b: Pick<ChangeRow, 'hlc' | 'id'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * What the winner rule reads of a change: `created_at` and `actor` too, the values of its `updatedAt` and
 * `updatedBy` (parseFields); '' in a fold's stand-in rows.
 */
export type ProjectedChange = Pick<ChangeRow, 'id' | 'kind' | 'hlc' | 'fields' | 'created_at' | 'actor'>;

export function project(spec: EntitySpec, changes: readonly ProjectedChange[]): Projection {
  const fields = new Map<string, FieldWinner>();
  let hasCreate = false;
  for (const change of [...changes].sort(compareChanges)) {
    if (change.kind === 'create') hasCreate = true;
    for (const [field, value] of Object.entries(parseFields(change))) {
      if (!Object.prototype.hasOwnProperty.call(spec.columns, field)) continue;
      fields.set(field, { value: value ?? null, changeId: change.id, hlc: change.hlc });
    }
  }
  return { fields, hasCreate };
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return Number(a) === Number(b);
  }
  return a === b;
}

const CHANGE_COLUMNS = 'id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at';

export async function loadChanges(db: Queryable, entity: string, entityIds: readonly string[]): Promise<ChangeRow[]> {
  if (entityIds.length === 0) return [];
  const marks = entityIds.map(() => '?').join(', ');
  return db.all<ChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM changes WHERE entity = ? AND entity_id IN (${marks}) ORDER BY entity_id, hlc, id`,
    [entity, ...entityIds],
  );
}

/**
 * What a record's projection reads: its change rows and the changes its folds
 * stand for (compaction replaced old rows by folds; the winners are the same).
 */
export async function loadRecordLogs(db: Queryable, entity: string, entityIds: readonly string[]): Promise<(ProjectedChange & { entity_id: string })[]> {
  const rows: (ProjectedChange & { entity_id: string })[] = await loadChanges(db, entity, entityIds);
  for (const fold of await loadFolds(db, entity, entityIds)) rows.push(...foldAsChanges(fold));
  return rows;
}

export interface RewriteResult {
  rewritten: number;
  inserted: number;
}

/**
 * Make the domain rows of `entityIds` equal their projection, writing only the
 * columns that differ. Runs inside the caller's transaction.
 */
export async function applyProjections(tx: Queryable, spec: EntitySpec, entityIds: readonly string[]): Promise<RewriteResult> {
  const result: RewriteResult = { rewritten: 0, inserted: 0 };
  if (entityIds.length === 0) return result;
  const byRecord = new Map<string, ProjectedChange[]>();
  for (const change of await loadRecordLogs(tx, spec.entity, entityIds)) {
    const list = byRecord.get(change.entity_id) ?? [];
    list.push(change);
    byRecord.set(change.entity_id, list);
  }
  const columns = spec.columns as Record<string, string>;
  const marks = entityIds.map(() => '?').join(', ');
  const rows = await tx.all<Record<string, unknown>>(`SELECT * FROM ${spec.table} WHERE id IN (${marks})`, [...entityIds]);
  const rowById = new Map(rows.map((row) => [String(row.id), row]));

  for (const [entityId, changes] of byRecord) {
    const projection = project(spec, changes);
    const row = rowById.get(entityId);
    const fields = [...projection.fields.keys()];
    if (!row) {
      if (!projection.hasCreate || fields.length === 0) continue;
      await tx.run(
        `INSERT INTO ${spec.table} (id, ${fields.map((f) => columns[f]).join(', ')}) VALUES (?, ${fields.map(() => '?').join(', ')})`,
        [entityId, ...fields.map((f) => projection.fields.get(f)!.value)],
      );
      result.inserted += 1;
      continue;
    }
    const differing = fields.filter((f) => !sameValue(row[columns[f]!], projection.fields.get(f)!.value));
    if (differing.length === 0) continue;
    await tx.run(`UPDATE ${spec.table} SET ${differing.map((f) => `${columns[f]} = ?`).join(', ')} WHERE id = ?`, [
      ...differing.map((f) => projection.fields.get(f)!.value),
      entityId,
    ]);
    result.rewritten += 1;
  }
  return result;
}
