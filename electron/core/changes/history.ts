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
import { foldArchive, foldAsChanges, loadFolds, type FoldRow } from './folds.js';
import { ArchiveIntegrityError, fetchArchived, type HistoryArchive } from './history-archive.js';
import { compareChanges, loadChanges, parseFields, project, type ChangeRow } from './projection.js';
import { decodeHlc } from '../../../shared/hlc.js';

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

/** The workspace's archive of folded edits, or null when there is none. */
export type ArchiveSource = () => HistoryArchive | null;

/**
 * The archived rows of a record's folds, or why they cannot be shown: none set up (no note: the panel says so), or
 * an archive that could not be read (offline, an object missing, or one that does not match its name, which is refused).
 */
async function archivedRows(
  archive: ArchiveSource | undefined,
  folds: readonly FoldRow[],
  spec: EntitySpec,
  entityId: string,
): Promise<{ rows: ChangeRow[] } | { rows: null; note?: string }> {
  const keys = [...new Set(folds.flatMap(foldArchive))];
  const store = archive?.() ?? null;
  if (!store || keys.length === 0) return { rows: null };
  try {
    return { rows: await fetchArchived(store, keys, spec.entity, entityId) };
  } catch (error) {
    const why = (error as Error).message;
    return {
      rows: null,
      note:
        error instanceof ArchiveIntegrityError
          ? `The archived part of this history could not be read: the workspace archive holds a damaged or substituted object (${why}), so it was refused. Only the values still in force are shown.`
          : `The archived part of this history could not be read (${why}). Only the values still in force are shown; connect to the network to read it.`,
    };
  }
}

function wallTime(hlc: string): string {
  try {
    return new Date(decodeHlc(hlc).wallMs).toISOString();
  } catch {
    return '';
  }
}

export async function listHistory(db: Queryable, spec: EntitySpec, entityId: string, archive?: ArchiveSource): Promise<HistoryEntry[]> {
  const changes = await loadChanges(db, spec.entity, [entityId]);
  const folds = await loadFolds(db, spec.entity, [entityId]);
  const winners = project(spec, [...changes, ...folds.flatMap(foldAsChanges)]).fields;
  const rows = new Map<string, { change: ChangeRow; source?: 'archive' }>(changes.map((change) => [change.id, { change }]));
  const fromArchive = folds.length > 0 ? await archivedRows(archive, folds, spec, entityId) : { rows: [] };
  for (const change of fromArchive.rows ?? []) {
    if (!rows.has(change.id)) rows.set(change.id, { change, source: 'archive' });
  }
  const archiveNote = fromArchive.rows === null ? fromArchive.note : undefined;
  const entries: HistoryEntry[] = [...rows.values()]
    .sort((a, b) => compareChanges(b.change, a.change))
    .map(({ change, source }) => ({
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
      ...(source ? { source } : {}),
    }));
  // Values in force that no row or archived row shows: all that is known of them here is the fold's summary.
  const summary = new Map<string, HistoryEntry>();
  for (const [field, winner] of winners) {
    if (rows.has(winner.changeId)) continue;
    const entry = summary.get(winner.changeId) ?? {
      changeId: winner.changeId,
      kind: 'update' as const,
      hlc: winner.hlc,
      at: wallTime(winner.hlc),
      actor: '',
      deviceId: '',
      fields: [],
      source: 'summary' as const,
      ...(archiveNote ? { archiveNote } : {}),
    };
    entry.fields.push({ field, value: shown(winner.value), current: true });
    summary.set(winner.changeId, entry);
  }
  const all = [...entries, ...summary.values()].sort((a, b) => compareChanges({ hlc: b.hlc, id: b.changeId }, { hlc: a.hlc, id: a.changeId }));
  await referenceLabels(db, all);
  return all;
}

/** A change compaction folded away: from the archive when it can be read, else the values it set that are still in force. */
async function foldedChange(
  db: Queryable,
  changeId: string,
  archive: ArchiveSource | undefined,
  record: { entity: string; entityId: string } | undefined,
): Promise<ChangeRow | null> {
  // The record's folds when the caller names it (an archived edit that no longer wins is named by no fold), else folds where it still wins.
  const folds = record
    ? await loadFolds(db, record.entity, [record.entityId])
    : await db.all<FoldRow>(
        'SELECT id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at FROM change_folds WHERE instr(fields, ?) > 0',
        [`"${changeId}"`],
      );
  const fold = folds[0];
  if (!fold) return null;
  const store = archive?.() ?? null;
  if (store) {
    const keys = [...new Set(folds.flatMap(foldArchive))];
    const found = (await fetchArchived(store, keys, fold.entity, fold.entity_id).catch(() => [])).find((row) => row.id === changeId);
    if (found) return found;
  }
  const won = foldAsChanges(fold).find((row) => row.id === changeId);
  if (!won) return null;
  return { id: changeId, entity: fold.entity, entity_id: fold.entity_id, kind: won.kind, hlc: won.hlc, device_id: '', actor: '', fields: won.fields, created_at: '' };
}

export async function restoreField(
  db: Db,
  registry: EntityRegistry,
  edits: EditContext,
  changeId: string,
  field: string,
  restorers: Readonly<Record<string, FieldRestorer>> = {},
  archive?: ArchiveSource,
  record?: { entity: string; entityId: string },
): Promise<{ spec: EntitySpec; entityId: string }> {
  const change =
    (await db.get<ChangeRow>('SELECT id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes WHERE id = ?', [changeId])) ??
    (await foldedChange(db, changeId, archive, record));
  if (!change) {
    throw new AppError(
      'NOT_FOUND',
      record && (await loadFolds(db, record.entity, [record.entityId])).length > 0
        ? `Edit ${changeId} was compacted into the archive, which cannot be read right now (offline?); try again when connected.`
        : `No edit with id ${changeId}`,
    );
  }
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
