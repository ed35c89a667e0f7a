/** Deleted jobs and sites: their tombstone rows, newest deletion first. */
import type { TrashItem } from '../../../../shared/domain/trash.js';
import type { Queryable } from '../../db/database.js';
import { matchesWords, searchHaystack, searchWords } from '../search-text.js';

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
  const words = searchWords(query.search ?? '');
  // A search is matched here, by the job search's rules (search-text.ts): Turso's
  // LIKE folds ASCII case only. Deleted rows are few next to live ones, so
  // reading their names to filter them costs little.
  const rows = await db.all<TrashRow>(
    `SELECT 'job' AS entity, j.id, j.title AS name, js.name AS detail, j.deleted_at, j.updated_by
       FROM jobs j LEFT JOIN sites js ON js.id = j.site_id WHERE j.deleted_at IS NOT NULL
     UNION ALL
     SELECT 'site' AS entity, s.id, s.name, s.address AS detail, s.deleted_at, s.updated_by
       FROM sites s WHERE s.deleted_at IS NOT NULL
     ORDER BY deleted_at DESC, id DESC${words.length > 0 ? '' : ' LIMIT ?'}`,
    words.length > 0 ? [] : [limit + 1],
  );
  const matching = words.length > 0 ? rows.filter((r) => matchesWords(searchHaystack([r.name]), words)) : rows;
  return {
    items: matching.slice(0, limit).map((r) => ({
      entity: r.entity,
      id: r.id,
      name: r.name,
      detail: r.detail,
      deletedAt: r.deleted_at,
      deletedBy: r.updated_by,
    })),
    more: matching.length > limit,
  };
}
