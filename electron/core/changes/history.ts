/**
 * A record's history straight from the change log: every value any edit ever
 * set, marked current when it is the value in force (the projection's winner),
 * and restoring an old value as a new edit.
 */
import type { HistoryEntry, HistoryField } from '../../../shared/domain/history.js';
import { AppError } from '../../../shared/errors.js';
import type { Db, Queryable, SqlValue } from '../db/database.js';
import { recordEdit, type ChangeKind, type EditContext } from './change-log.js';
import type { EntityRegistry, EntitySpec } from './entity.js';
import { compareChanges, loadChanges, parseFields, project, type ChangeRow } from './projection.js';

/** Bookkeeping stamps are shown but restoring them makes no sense; deletedAt restores as delete/restore. */
const NOT_RESTORABLE = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/**
 * Restores one field through a feature's own write path (e.g. a job's status,
 * so the timeline notes it as the direct change would). Returns false to leave
 * the field to the plain restore.
 */
export type FieldRestorer = (
  tx: Queryable,
  edits: EditContext,
  entityId: string,
  field: string,
  values: Readonly<Record<string, SqlValue>>,
) => Promise<boolean>;

/** Reference fields whose ids history shows by name: field → table and the column that names a row. */
const REFERENCES: Record<string, { table: string; column: string }> = {
  siteId: { table: 'sites', column: 'name' },
  jobId: { table: 'jobs', column: 'title' },
  templateId: { table: 'checklist_templates', column: 'name' },
};

/** Names of every referenced row the entries mention (deleted ones included: history is about the past). */
export async function referenceLabels(db: Queryable, entries: readonly { fields: { field: string; value: unknown; label?: string }[] }[]): Promise<void> {
  for (const [field, ref] of Object.entries(REFERENCES)) {
    const ids = [...new Set(entries.flatMap((e) => e.fields.filter((f) => f.field === field && typeof f.value === 'string').map((f) => f.value as string)))];
    if (ids.length === 0) continue;
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const rows = await db.all<{ id: string; label: string }>(
        `SELECT id, ${ref.column} AS label FROM ${ref.table} WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) names.set(row.id, row.label);
    }
    for (const entry of entries) {
      for (const f of entry.fields) {
        const label = f.field === field && typeof f.value === 'string' ? names.get(f.value) : undefined;
        if (label !== undefined) f.label = label;
      }
    }
  }
}

export function shown(value: unknown): HistoryField['value'] {
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
  const entries: HistoryEntry[] = [...changes]
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
  await referenceLabels(db, entries);
  return entries;
}

export async function restoreField(
  db: Db,
  registry: EntityRegistry,
  edits: EditContext,
  changeId: string,
  field: string,
  restorers: Readonly<Record<string, FieldRestorer>> = {},
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
  const restorer = Object.prototype.hasOwnProperty.call(restorers, spec.entity) ? restorers[spec.entity] : undefined;
  await db.transaction(async (tx) => {
    if (field === 'deletedAt') {
      await recordEdit(tx, edits, spec, { entityId: change.entity_id, kind: values[field] === null ? 'restore' : 'delete', values: {} });
    } else if (!(await restorer?.(tx, edits, change.entity_id, field, values))) {
      await recordEdit(tx, edits, spec, { entityId: change.entity_id, kind: 'update', values: { [field]: values[field] ?? null } });
    }
  });
  return { spec, entityId: change.entity_id };
}
