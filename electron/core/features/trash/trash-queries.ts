/** Deleted jobs and sites: their tombstone rows, newest deletion first. */
import type { TrashItem } from '../../../../shared/domain/trash.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import { likePattern } from '../cursor.js';

interface TrashRow {
  entity: 'job' | 'site';
  id: string;
  name: string;
  detail: string | null;
  deleted_at: string;
  updated_by: string;
}

export async function listTrash(db: Queryable, query: { search?: string; limit?: number }): Promise<{ items: TrashItem[]; more: boolean }> {
  const limit = query.limit ?? 200;
  const search = query.search?.trim();
  const jobMatch = search ? "AND j.title LIKE ? ESCAPE '\\'" : '';
  const siteMatch = search ? "AND s.name LIKE ? ESCAPE '\\'" : '';
  const params: SqlValue[] = search ? [likePattern(search), likePattern(search)] : [];
  // Deleting sets updated_by too (change-log.ts), so it names who deleted.
  const rows = await db.all<TrashRow>(
    `SELECT 'job' AS entity, j.id, j.title AS name, js.name AS detail, j.deleted_at, j.updated_by
       FROM jobs j LEFT JOIN sites js ON js.id = j.site_id WHERE j.deleted_at IS NOT NULL ${jobMatch}
     UNION ALL
     SELECT 'site' AS entity, s.id, s.name, s.address AS detail, s.deleted_at, s.updated_by
       FROM sites s WHERE s.deleted_at IS NOT NULL ${siteMatch}
     ORDER BY deleted_at DESC, id DESC LIMIT ?`,
    [...params, limit + 1],
  );
  return {
    items: rows.slice(0, limit).map((r) => ({
      entity: r.entity,
      id: r.id,
      name: r.name,
      detail: r.detail,
      deletedAt: r.deleted_at,
      deletedBy: r.updated_by,
    })),
    more: rows.length > limit,
  };
}
