import type { Inspection, InspectionItem, ItemResult } from '../../../../shared/domain/inspections.js';
import { AppError } from '../../../../shared/errors.js';
import type { Queryable } from '../../db/database.js';

interface InspectionRow {
  id: string;
  job_id: string;
  template_id: string;
  template_name: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

interface ItemRow {
  id: string;
  position: number;
  label: string;
  result: string | null;
  comment: string;
  measurement: number | null;
  unit: string;
  photo_on_fail: number | null;
}

const COLUMNS =
  'id, job_id, template_id, template_name, signed_off_at, signed_off_by, created_at, created_by, updated_at, updated_by';

async function withItems(db: Queryable, row: InspectionRow): Promise<Inspection> {
  const items = await db.all<ItemRow>(
    `SELECT id, position, label, result, comment, measurement, unit, photo_on_fail FROM inspection_items
     WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY position, id`,
    [row.id],
  );
  return {
    id: row.id,
    jobId: row.job_id,
    templateId: row.template_id,
    templateName: row.template_name,
    signedOffAt: row.signed_off_at,
    signedOffBy: row.signed_off_by,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    items: items.map(
      (i): InspectionItem => ({
        id: i.id,
        position: Number(i.position),
        label: i.label,
        result: i.result as ItemResult | null,
        comment: i.comment,
        measurement: i.measurement,
        unit: i.unit,
        photoOnFail: Number(i.photo_on_fail ?? 0) === 1,
      }),
    ),
  };
}

/** The job's inspection; if two laptops each started one offline, the first started wins. */
export async function findInspectionForJob(db: Queryable, jobId: string): Promise<Inspection | null> {
  const row = await db.get<InspectionRow>(
    `SELECT ${COLUMNS} FROM inspections WHERE job_id = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`,
    [jobId],
  );
  return row ? withItems(db, row) : null;
}

export async function getInspection(db: Queryable, id: string): Promise<Inspection> {
  const row = await db.get<InspectionRow>(`SELECT ${COLUMNS} FROM inspections WHERE id = ? AND deleted_at IS NULL`, [id]);
  if (!row) throw new AppError('NOT_FOUND', `No inspection with id ${id}`);
  return withItems(db, row);
}

export function assertEditable(inspection: Inspection): void {
  if (inspection.signedOffAt) {
    throw new AppError(
      'CONFLICT',
      `This checklist was signed off by ${inspection.signedOffBy ?? 'a worker'} at ${inspection.signedOffAt}; reopen it to make changes.`,
    );
  }
}

/**
 * Labels of the items answered Fail that need a photo and have none (a deleted
 * photo does not count), in checklist order: these block the sign-off.
 */
export async function failedItemsWithoutPhoto(db: Queryable, inspectionId: string): Promise<string[]> {
  const rows = await db.all<{ label: string }>(
    `SELECT it.label FROM inspection_items it
     WHERE it.inspection_id = ? AND it.deleted_at IS NULL AND it.result = 'fail' AND it.photo_on_fail = 1
       AND NOT EXISTS (SELECT 1 FROM attachments a
                       WHERE a.owner_type = 'inspection_item' AND a.owner_id = it.id AND a.kind = 'photo' AND a.deleted_at IS NULL)
     ORDER BY it.position, it.id`,
    [inspectionId],
  );
  return rows.map((r) => r.label);
}
