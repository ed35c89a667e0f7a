/**
 * The feed and compaction: the feed lists the change log, and compaction
 * moves edits older than the retention window into folds and the archive.
 * `archivedInRange` says so for a range, in plain words, from the folds (read
 * only when asked, so the feed's first page costs what it did); and
 * `loadArchivedActivity` reads the range's archived edits back from the
 * workspace archive, newest first in keyset pages (hlc, id), reading the
 * folds in keyset pages too (last_hlc, id), so a late page costs what the
 * first does.
 */
import type { ActivityArchived, ArchivedActivityPage } from '../../../../shared/domain/activity.js';
import { AppError } from '../../../../shared/errors.js';
import type { ArchivedRows } from '../../changes/archived-rows.js';
import { FOLD_COLUMNS, type FoldRow } from '../../changes/folds.js';
import type { ChangeRow } from '../../changes/projection.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { editTimeOf, stampBound, stampFloor } from '../as-of/edit-time.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { AREA_ENTITIES, checkRange, entriesOf, type ActivityQuery } from './activity-queries.js';

const CURSOR_SORT = 'activity-archive:hlc-desc';

/** The folds holding edits of the range (a fold spans its first to its newest edit) of the kinds and, roughly, the person. */
function foldFilter(query: ActivityQuery): { where: string; params: SqlValue[] } {
  const where = ['1 = 1'];
  const params: SqlValue[] = [];
  if (query.since) {
    where.push('last_hlc >= ?');
    params.push(stampFloor(query.since.getTime()));
  }
  if (query.until) {
    where.push('first_hlc < ?');
    params.push(stampBound(query.until.getTime()));
  }
  if (query.kinds && query.kinds.length > 0) {
    const entities = [...new Set(query.kinds.flatMap((k) => AREA_ENTITIES[k]))];
    where.push(`entity IN (${entities.map(() => '?').join(', ')})`);
    params.push(...entities);
  }
  if (query.personId) {
    // Named in the fold's workers, or (a fold written before those) the stamp of a winning edit ends with the device.
    where.push('(instr(fields, ?) > 0 OR instr(fields, ?) > 0)');
    params.push(`"${query.personId}":[`, `-${query.personId}"`);
  }
  return { where: where.join(' AND '), params };
}

const day = (iso: string) => iso.slice(0, 10);

export async function archivedInRange(db: Queryable, query: ActivityQuery, archived: ArchivedRows): Promise<ActivityArchived | null> {
  checkRange(query);
  const { where, params } = foldFilter(query);
  const row = await db.get<{ records: number; first: string | null; last: string | null }>(
    `SELECT count(DISTINCT entity || char(0) || entity_id) AS records, min(first_hlc) AS first, max(last_hlc) AS last FROM change_folds WHERE ${where}`,
    params,
  );
  const records = Number(row?.records ?? 0);
  if (records === 0 || !row?.first || !row.last) return null;
  // The fold's span may start before the range; what is missing from the feed starts at the range's start.
  const since = query.since && query.since.toISOString() > editTimeOf(row.first) ? query.since.toISOString() : editTimeOf(row.first);
  const before = editTimeOf(row.last);
  const canLoad = archived.available();
  const whose = records === 1 ? "1 record's older history is" : `${records} records' older history is`;
  const message =
    `Edits up to ${day(before)} are archived, so this list may be missing some of them: ${whose} in the workspace archive. ` +
    (canLoad ? 'Load the archived edits to see them (needs the network).' : 'This laptop has no archive set up to read them from.');
  return { before, since, records, canLoad, message };
}

const FOLDS_PER_READ = 100;

export async function loadArchivedActivity(db: Queryable, query: ActivityQuery, archived: ArchivedRows): Promise<ArchivedActivityPage> {
  checkRange(query);
  // The renderer's cursor is checked before anything else is read: it must be one this list gave out.
  const after = query.cursor ? decodeCursor(query.cursor, CURSOR_SORT, 'string') : null;
  if (!archived.available()) {
    throw new AppError('NOT_FOUND', 'Archived edits are kept in the workspace archive, and this laptop has none set up (no photo storage): they cannot be shown here.');
  }
  const limit = query.limit ?? 50;
  const low = query.since ? stampFloor(query.since.getTime()) : '';
  const high = query.until ? stampBound(query.until.getTime()) : '~';
  const kinds = query.kinds && query.kinds.length > 0 ? new Set(query.kinds.flatMap((k) => AREA_ENTITIES[k])) : null;
  const below = (row: ChangeRow) => !after || row.hlc < after.key || (row.hlc === after.key && row.id < after.id);
  const wanted = (row: ChangeRow) =>
    row.hlc >= low && row.hlc < high && below(row) && (!kinds || kinds.has(row.entity)) && (!query.personId || row.device_id === query.personId);

  const { where, params } = foldFilter(query);
  const ceiling = after ? ' AND first_hlc <= ?' : '';
  const found = new Map<string, ChangeRow>();
  // Folds newest edit first, in keyset pages by (last_hlc, id): a row newer than every fold not yet read is in its final place.
  let lastFold: FoldRow | null = null;
  for (;;) {
    const folds: FoldRow[] = await db.all<FoldRow>(
      `SELECT ${FOLD_COLUMNS} FROM change_folds WHERE ${where}${ceiling}${lastFold ? ' AND last_hlc <= ? AND (last_hlc < ? OR id < ?)' : ''}
       ORDER BY last_hlc DESC, id DESC LIMIT ?`,
      [...params, ...(after ? [after.key] : []), ...(lastFold ? [lastFold.last_hlc, lastFold.last_hlc, lastFold.id] : []), FOLDS_PER_READ + 1],
    );
    const batch = folds.slice(0, FOLDS_PER_READ);
    let rows: ChangeRow[];
    try {
      rows = await archived.ofFolds(batch);
    } catch (error) {
      throw new AppError(
        'SYNC_FAILED',
        `The archived edits could not be read from the workspace archive (${(error as Error).message}). They need the network: try again when connected.`,
      );
    }
    for (const row of rows) if (wanted(row)) found.set(row.id, row);
    const next = folds[FOLDS_PER_READ];
    const settled = [...found.values()].filter((row) => !next || row.hlc > next.last_hlc);
    if (!next || settled.length > limit) break;
    lastFold = batch[batch.length - 1]!;
  }
  const sorted = [...found.values()].sort((a, b) => (a.hlc !== b.hlc ? (a.hlc < b.hlc ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await entriesOf(db, page, 'archive'),
    nextCursor: sorted.length > limit && last ? encodeCursor({ sort: CURSOR_SORT, key: last.hlc, id: last.id }) : null,
  };
}
