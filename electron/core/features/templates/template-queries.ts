import type { ChecklistTemplate } from '../../../../shared/domain/templates.js';
import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Queryable } from '../../db/database.js';
import { templateEntity } from './template-entity.js';

interface TemplateRow {
  id: string;
  name: string;
  items: string;
  photo_on_fail: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

const COLUMNS = 'id, name, items, photo_on_fail, created_at, created_by, updated_at, updated_by, deleted_at';

/** A synced row may come from another app version: keep only the string items. */
function parseItems(json: string | null): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const toTemplate = (row: TemplateRow): ChecklistTemplate => {
  const items = parseItems(row.items);
  // Only labels that are items: a sync may bring an items edit without the flags edit.
  const photoOnFail = parseItems(row.photo_on_fail).filter((label) => items.includes(label));
  return {
    id: row.id,
    name: row.name,
    items,
    photoOnFail: [...new Set(photoOnFail)],
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
  };
};

export async function listTemplates(db: Queryable): Promise<ChecklistTemplate[]> {
  const rows = await db.all<TemplateRow>(`SELECT ${COLUMNS} FROM checklist_templates WHERE deleted_at IS NULL ORDER BY name, id`);
  return rows.map(toTemplate);
}

export async function getLiveTemplate(db: Queryable, id: string): Promise<ChecklistTemplate> {
  const row = await db.get<TemplateRow>(`SELECT ${COLUMNS} FROM checklist_templates WHERE id = ?`, [id]);
  if (!row || row.deleted_at) throw new AppError('NOT_FOUND', `No checklist template with id ${id}`);
  return toTemplate(row);
}

/** Names compare case-insensitively, ignoring spacing and Unicode form ("Ladder Check" = " ladder check"). */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');
}

/**
 * Two live templates with one name cannot be told apart in the checklist picker.
 * Checked here, in the write transaction; two laptops offline can still both
 * create one name, which sync keeps (the team renames one).
 */
export async function liveTemplateNamed(tx: Queryable, name: string, exceptId: string | null = null): Promise<{ id: string; name: string } | null> {
  const rows = await tx.all<{ id: string; name: string }>('SELECT id, name FROM checklist_templates WHERE deleted_at IS NULL');
  return rows.find((row) => row.id !== exceptId && nameKey(row.name) === nameKey(name)) ?? null;
}

async function assertNameFree(tx: Queryable, name: string, exceptId: string | null): Promise<void> {
  const clash = await liveTemplateNamed(tx, name, exceptId);
  if (clash) {
    throw new AppError('CONFLICT', `A checklist template named “${clash.name}” already exists. Choose another name.`, 'name');
  }
}

/** Each label needing a photo must be one of the items; refused in words naming the first that is not. */
function checkPhotoOnFail(items: readonly string[], photoOnFail: readonly string[]): string[] {
  const stray = photoOnFail.find((label) => !items.includes(label));
  if (stray !== undefined) {
    throw new AppError('INVALID_INPUT', `“${stray.slice(0, 80)}” is not an item of this checklist, so it cannot require a photo.`, 'photoOnFail');
  }
  return [...new Set(photoOnFail)];
}

export async function updateTemplate(
  tx: Queryable,
  edits: EditContext,
  id: string,
  change: { name?: string; items?: string[]; photoOnFail?: string[] },
): Promise<void> {
  const current = await getLiveTemplate(tx, id);
  if (change.name !== undefined) await assertNameFree(tx, change.name, id);
  const values: { name?: string; items?: string; photoOnFail?: string } = {};
  if (change.name !== undefined) values.name = change.name;
  if (change.items !== undefined) values.items = JSON.stringify(change.items);
  const items = change.items ?? current.items;
  if (change.photoOnFail !== undefined) values.photoOnFail = JSON.stringify(checkPhotoOnFail(items, change.photoOnFail));
  else if (change.items !== undefined) {
    // New items without new flags: items that stay keep their flag.
    const kept = current.photoOnFail.filter((label) => items.includes(label));
    if (kept.length !== current.photoOnFail.length) values.photoOnFail = JSON.stringify(kept);
  }
  await recordEdit(tx, edits, templateEntity, { entityId: id, kind: 'update', values });
}

export async function deleteTemplate(tx: Queryable, edits: EditContext, id: string): Promise<void> {
  await getLiveTemplate(tx, id);
  await recordEdit(tx, edits, templateEntity, { entityId: id, kind: 'delete', values: {} });
}

export async function createTemplate(tx: Queryable, edits: EditContext, name: string, items: string[], photoOnFail: string[] = []): Promise<string> {
  await assertNameFree(tx, name, null);
  const flagged = checkPhotoOnFail(items, photoOnFail);
  const id = uuidv7(edits.now().getTime());
  await recordEdit(tx, edits, templateEntity, {
    entityId: id,
    kind: 'create',
    values: { name, items: JSON.stringify(items), photoOnFail: JSON.stringify(flagged) },
  });
  return id;
}
