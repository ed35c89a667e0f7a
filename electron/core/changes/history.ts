/**
 * A record's history straight from the change log: every value any edit ever
 * set, marked current when it is the value in force (the projection's winner),
 * and restoring an old value as a new edit.
 */
import type { HistoryEntry, HistoryField } from '../../../shared/domain/history.js';
import { AppError } from '../../../shared/errors.js';
import type { Db, Queryable } from '../db/database.js';
import { recordEdit, type ChangeKind, type EditContext } from './change-log.js';
import type { EntityRegistry, EntitySpec } from './entity.js';
import { compareChanges, loadChanges, parseFields, project, type ChangeRow } from './projection.js';

/** Bookkeeping stamps are shown but restoring them makes no sense; deletedAt restores as delete/restore. */
const NOT_RESTORABLE = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

function shown(value: unknown): HistoryField['value'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function specFor(registry: EntityRegistry, entity: string): EntitySpec {
  const spec = registry.get(entity);
  if (!spec) throw new AppError('NOT_FOUND', `No entity named "${entity}"`);
  return spec;
}

export async function listHistory(db: Queryable, spec: EntitySpec, entityId: string): Promise<HistoryEntry[]> {
  const changes = await loadChanges(db, spec.entity, [entityId]);
  const winners = project(spec, changes).fields;
  return [...changes]
    .sort((a, b) => compareChanges(b, a))
    .map((change) => ({
      changeId: change.id,
      kind: change.kind as ChangeKind,
      hlc: change.hlc,
      at: change.created_at,
      actor: change.actor,
      deviceId: change.device_id,
      fields: Object.entries(parseFields(change)).map(([field, value]) => ({
        field,
        value: shown(value),
        current: winners.get(field)?.changeId === change.id,
      })),
    }));
}

export async function restoreField(
  db: Db,
  registry: EntityRegistry,
  edits: EditContext,
  changeId: string,
  field: string,
): Promise<{ spec: EntitySpec; entityId: string }> {
  const change = await db.get<ChangeRow>(
    'SELECT id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes WHERE id = ?',
    [changeId],
  );
  if (!change) throw new AppError('NOT_FOUND', `No edit with id ${changeId}`);
  const spec = specFor(registry, change.entity);
  const values = parseFields(change);
  if (!Object.prototype.hasOwnProperty.call(values, field) || !Object.prototype.hasOwnProperty.call(spec.columns, field)) {
    throw new AppError('INVALID_INPUT', `history.restore: edit ${changeId} did not set field "${field}"`);
  }
  if (NOT_RESTORABLE.has(field)) {
    throw new AppError('INVALID_INPUT', `history.restore: "${field}" is bookkeeping and cannot be restored`);
  }
  await db.transaction((tx) =>
    field === 'deletedAt'
      ? recordEdit(tx, edits, spec, { entityId: change.entity_id, kind: values[field] === null ? 'restore' : 'delete', values: {} })
      : recordEdit(tx, edits, spec, { entityId: change.entity_id, kind: 'update', values: { [field]: values[field] ?? null } }),
  );
  return { spec, entityId: change.entity_id };
}
