/** SQL for sites: reads and keyset pages by name. Writes go through the change log. */
import type { Site, SitePage } from '../../../../shared/domain/sites.js';
import { AppError } from '../../../../shared/errors.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { matchesWords, searchHaystack, searchWords } from '../search-text.js';

interface SiteRow {
  id: string;
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  contact: string;
  notes: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

const SITE_COLUMNS =
  'id, name, address, latitude, longitude, contact, notes, created_at, created_by, updated_at, updated_by, deleted_at';

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  address: row.address,
  latitude: row.latitude,
  longitude: row.longitude,
  contact: row.contact,
  notes: row.notes,
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  deletedAt: row.deleted_at,
});

export async function getSite(db: Queryable, id: string): Promise<Site> {
  const row = await db.get<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', `No site with id ${id}`);
  return toSite(row);
}

/** A site jobs may point at: exists and is not deleted. */
export async function getLiveSite(db: Queryable, id: string): Promise<Site> {
  const site = await getSite(db, id);
  if (site.deletedAt) throw new AppError('NOT_FOUND', `Site ${id} was deleted`);
  return site;
}

/** Sites read per statement while a search walks the name order. */
const SEARCH_CHUNK = 500;

/**
 * Keyset pages by name. A search walks the live sites in name order, a chunk at
 * a time, and keeps those matching the rules of search-text.ts (Turso's LIKE
 * folds ASCII case only). A workspace has hundreds of sites, not the 100,000 of
 * jobs, so this stays a few milliseconds without an index of its own.
 */
export async function listSites(
  db: Queryable,
  query: { search?: string; limit?: number; cursor?: string | null },
): Promise<SitePage> {
  const limit = query.limit ?? 100;
  const words = searchWords(query.search ?? '');
  let after = query.cursor ? decodeCursor(query.cursor, 'name') : null;
  const found: SiteRow[] = [];
  const chunk = words.length > 0 ? SEARCH_CHUNK : limit + 1;
  for (;;) {
    const where = ['deleted_at IS NULL'];
    const params: SqlValue[] = [];
    if (after) {
      where.push('name >= ? AND (name > ? OR id > ?)');
      params.push(after.key, after.key, after.id);
    }
    const rows = await db.all<SiteRow>(
      `SELECT ${SITE_COLUMNS} FROM sites WHERE ${where.join(' AND ')} ORDER BY name, id LIMIT ?`,
      [...params, chunk],
    );
    for (const row of rows) {
      if (words.length === 0 || matchesWords(searchHaystack([row.name, row.address]), words)) found.push(row);
      if (found.length > limit) break;
    }
    const last = rows[rows.length - 1];
    if (found.length > limit || rows.length < chunk || !last) break;
    after = { sort: 'name', key: last.name, id: last.id };
  }
  const items = found.slice(0, limit).map(toSite);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: found.length > limit && last ? encodeCursor({ sort: 'name', key: last.name, id: last.id }) : null,
  };
}

export async function countLiveJobsAtSite(db: Queryable, siteId: string): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM jobs WHERE site_id = ? AND deleted_at IS NULL', [siteId]);
  return Number(row?.n ?? 0);
}
