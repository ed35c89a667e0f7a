/**
 * The only write path for synced domain rows. One call appends the edit to the
 * insert-only `changes` log (with its clock stamp, device and author) and
 * applies it to the domain row, in the caller's transaction.
 */
import { uuidv7 } from '../../../shared/ids.js';
import type { HybridClock } from '../../../shared/hlc.js';
import type { Queryable, SqlValue } from '../db/database.js';
import type { EntitySpec } from './entity.js';
import { storedFields, type ChangeRow } from './projection.js';

export type ChangeKind = 'create' | 'update' | 'delete' | 'restore';

export interface EditContext {
  clock: HybridClock;
  deviceId: string;
  /** Who is editing: the worker's profile name. */
  actor: () => string;
  now: () => Date;
  /**
   * Told before each edit is written, inside its transaction (caches derived
   * from domain rows, e.g. the job search index, mark the row dirty).
   */
  onEdit?: (entity: string, entityId: string) => void;
  /**
   * Told each change row once it is written, inside its transaction: the edit
   * journal stages it and appends it when that transaction commits.
   */
  onRecorded?: (change: ChangeRow) => void;
}

export interface Edit<F extends string> {
  entityId: string;
  kind: ChangeKind;
  values: Partial<Record<F, SqlValue>>;
}

export interface RecordedChange {
  id: string;
  hlc: string;
  at: string;
}

function assertKnownFields<F extends string>(spec: EntitySpec<F>, values: Partial<Record<F, SqlValue>>): F[] {
  const fields = Object.keys(values) as F[];
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(spec.columns, field)) {
      throw new Error(`${spec.entity} has no field "${field}"`);
    }
  }
  return fields;
}

/**
 * The record's newest stamp: an edit made on top of a value must be stamped
 * past it, even when that value came from a clock too far ahead to adopt.
 */
async function newestStamp(tx: Queryable, entity: string, entityId: string): Promise<string | null> {
  // Folded edits count too: compaction may have replaced the newest rows by a fold.
  const row = await tx.get<{ hlc: string | null; folded: string | null }>(
    `SELECT (SELECT max(hlc) FROM changes WHERE entity_id = ? AND entity = ?) AS hlc,
            (SELECT max(last_hlc) FROM change_folds WHERE entity_id = ? AND entity = ?) AS folded`,
    [entityId, entity, entityId, entity],
  );
  const hlc = row?.hlc ?? null;
  const folded = row?.folded ?? null;
  return hlc === null ? folded : folded === null || hlc > folded ? hlc : folded;
}

export async function recordEdit<F extends string>(
  tx: Queryable,
  ctx: EditContext,
  spec: EntitySpec<F | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'deletedAt'>,
  edit: Edit<F>,
): Promise<RecordedChange> {
  ctx.onEdit?.(spec.entity, edit.entityId);
  const at = ctx.now().toISOString();
  const actor = ctx.actor();
  const hlc = ctx.clock.tick(edit.kind === 'create' ? null : await newestStamp(tx, spec.entity, edit.entityId));
  const stamps: Record<string, SqlValue> =
    edit.kind === 'create'
      ? // deletedAt is recorded on create so "not deleted" is a value history can restore.
        { createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor, deletedAt: null }
      : { updatedAt: at, updatedBy: actor };
  if (edit.kind === 'delete') stamps.deletedAt = at;
  if (edit.kind === 'restore') stamps.deletedAt = null;
  const values = { ...edit.values, ...stamps } as Partial<Record<string, SqlValue>>;
  const fields = assertKnownFields(spec as EntitySpec<string>, values);
  const columns = fields.map((f) => (spec.columns as Record<string, string>)[f]!);
  const params = fields.map((f) => values[f] ?? null);

  if (edit.kind === 'create') {
    const placeholders = columns.map(() => '?').join(', ');
    await tx.run(`INSERT INTO ${spec.table} (id, ${columns.join(', ')}) VALUES (?, ${placeholders})`, [
      edit.entityId,
      ...params,
    ]);
  } else {
    const assignments = columns.map((c) => `${c} = ?`).join(', ');
    const result = await tx.run(`UPDATE ${spec.table} SET ${assignments} WHERE id = ?`, [...params, edit.entityId]);
    if (result.changes === 0) throw new Error(`${spec.entity} ${edit.entityId} does not exist`);
  }

  const change: ChangeRow = {
    id: uuidv7(ctx.now().getTime()),
    entity: spec.entity,
    entity_id: edit.entityId,
    kind: edit.kind,
    hlc,
    device_id: ctx.deviceId,
    actor,
    fields: storedFields(values, at, actor),
    created_at: at,
  };
  await tx.run(
    `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [change.id, change.entity, change.entity_id, change.kind, change.hlc, change.device_id, change.actor, change.fields, change.created_at],
  );
  ctx.onRecorded?.(change);
  return { id: change.id, hlc, at };
}
