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
}

const COLUMNS =
  'id, job_id, template_id, template_name, signed_off_at, signed_off_by, created_at, created_by, updated_at, updated_by';

async function withItems(db: Queryable, row: InspectionRow): Promise<Inspection> {
  const items = await db.all<ItemRow>(
    `SELECT id, position, label, result, comment, measurement, unit FROM inspection_items
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
