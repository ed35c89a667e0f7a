/**
 * Checklist results as CSV, one row per item with its job and site, for the
 * inspections signed off in a day range (an inspection not signed off counts on
 * the day it last changed). Days are UTC, both ends included. Keyset-paged by
 * inspection id, so a long range is never read at once.
 */
import type { Queryable } from '../../db/database.js';
import { inList } from '../jobs/job-search-index.js';
import type { CsvColumn } from './csv-format.js';

export interface ResultRow {
  job_id: string;
  job_title: string;
  job_status: string;
  site: string | null;
  site_address: string | null;
  inspection_id: string;
  checklist: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
  position: number;
  item: string;
  result: string | null;
  measurement: number | null;
  unit: string;
  comment: string;
  item_updated_at: string;
  item_updated_by: string;
}

const RESULT_WORDS: Record<string, string> = { pass: 'pass', fail: 'fail', na: 'n/a' };

export const RESULT_COLUMNS: readonly CsvColumn<ResultRow>[] = [
  { header: 'job_id', value: (r) => r.job_id },
  { header: 'job_title', value: (r) => r.job_title },
  { header: 'job_status', value: (r) => r.job_status },
  { header: 'site', value: (r) => r.site },
  { header: 'site_address', value: (r) => r.site_address },
  { header: 'inspection_id', value: (r) => r.inspection_id },
  { header: 'checklist', value: (r) => r.checklist },
  { header: 'signed_off_at', value: (r) => r.signed_off_at },
  { header: 'signed_off_by', value: (r) => r.signed_off_by },
  { header: 'item_position', value: (r) => Number(r.position) + 1 },
  { header: 'item', value: (r) => r.item },
  { header: 'result', value: (r) => (r.result ? (RESULT_WORDS[r.result] ?? r.result) : null) },
  { header: 'measurement', value: (r) => r.measurement },
  { header: 'unit', value: (r) => r.unit },
  { header: 'comment', value: (r) => r.comment },
  { header: 'item_updated_at', value: (r) => r.item_updated_at },
  { header: 'item_updated_by', value: (r) => r.item_updated_by },
];

/** Inspections per page; each has a few dozen items at most. */
const INSPECTIONS_PER_PAGE = 50;

interface InspectionRow {
  id: string;
  job_id: string;
  job_title: string;
  job_status: string;
  site: string | null;
  site_address: string | null;
  checklist: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
}

/** [from 00:00, the day after `to` 00:00) as ISO stamps, comparable with the stored ones. */
export function dayBounds(from: string, to: string): [string, string] {
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return [`${from}T00:00:00.000Z`, end.toISOString()];
}

async function inspectionPage(db: Queryable, start: string, end: string, after: string, limit: number): Promise<InspectionRow[]> {
  return db.all<InspectionRow>(
    `SELECT i.id, i.job_id, j.title AS job_title, j.status AS job_status, s.name AS site, s.address AS site_address,
            i.template_name AS checklist, i.signed_off_at, i.signed_off_by
     FROM inspections i JOIN jobs j ON j.id = i.job_id LEFT JOIN sites s ON s.id = j.site_id
     WHERE i.id > ? AND i.deleted_at IS NULL AND j.deleted_at IS NULL
       AND COALESCE(i.signed_off_at, i.updated_at) >= ? AND COALESCE(i.signed_off_at, i.updated_at) < ?
     ORDER BY i.id LIMIT ?`,
    [after, start, end, limit],
  );
}

/** Whether any inspection falls in the range (asked before the save dialog, so an empty range says so). */
export async function anyInspectionIn(db: Queryable, from: string, to: string): Promise<boolean> {
  const [start, end] = dayBounds(from, to);
  return (await inspectionPage(db, start, end, '', 1)).length > 0;
}

export async function* resultPages(db: Queryable, from: string, to: string): AsyncGenerator<ResultRow[]> {
  const [start, end] = dayBounds(from, to);
  let after = '';
  for (;;) {
    const inspections = await inspectionPage(db, start, end, after, INSPECTIONS_PER_PAGE);
    if (inspections.length === 0) return;
    after = inspections[inspections.length - 1]!.id;
    const list = inList(inspections.map((i) => i.id));
    const items = await db.all<{
      inspection_id: string;
      position: number;
      label: string;
      result: string | null;
      measurement: number | null;
      unit: string;
      comment: string;
      updated_at: string;
      updated_by: string;
    }>(
      `SELECT inspection_id, position, label, result, measurement, unit, comment, updated_at, updated_by
       FROM inspection_items WHERE inspection_id IN ${list.sql} AND deleted_at IS NULL
       ORDER BY inspection_id, position, id`,
      list.params,
    );
    const byId = new Map(inspections.map((i) => [i.id, i]));
    yield items.map((item): ResultRow => {
      const inspection = byId.get(item.inspection_id)!;
      return {
        job_id: inspection.job_id,
        job_title: inspection.job_title,
        job_status: inspection.job_status,
        site: inspection.site,
        site_address: inspection.site_address,
        inspection_id: inspection.id,
        checklist: inspection.checklist,
        signed_off_at: inspection.signed_off_at,
        signed_off_by: inspection.signed_off_by,
        position: item.position,
        item: item.label,
        result: item.result,
        measurement: item.measurement,
        unit: item.unit,
        comment: item.comment,
        item_updated_at: item.updated_at,
        item_updated_by: item.updated_by,
      };
    });
    if (inspections.length < INSPECTIONS_PER_PAGE) return;
  }
}
