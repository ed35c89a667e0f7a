/**
 * `jobs.count`: how many live jobs match a search and filters. A separate call
 * from the page query, so a page never waits for a count; answers are cached
 * per query until any local write or pulled change (`invalidate`), since a
 * worker scrolling and reopening the list asks for the same count again.
 */
import type { Queryable } from '../../db/database.js';
import { searchWords } from '../search-text.js';
import { jobFilterWhere, searchFilters, type JobQuery, type Me, type SearchMatcher } from './job-queries.js';

/** Distinct queries kept; a worker switches between a handful of filter sets. */
const MAX_CACHED = 50;

export async function countJobs(db: Queryable, query: JobQuery, me: Me | null, searchIndex?: SearchMatcher): Promise<number> {
  const filter = jobFilterWhere(query, me);
  if (filter === null) return 0;
  // A search is counted by the index that picks the list's pages, so the count
  // and the list follow the same matching rules (Unicode case folding).
  const words = searchWords(query.search ?? '');
  if (words.length > 0) {
    if (!searchIndex) throw new Error('jobs.count: a search needs the search index');
    return searchIndex.count(searchFilters(query, words, me));
  }
  const row = await db.get<{ n: number | bigint }>(`SELECT count(*) AS n FROM jobs j WHERE ${filter.where.join(' AND ')}`, filter.params);
  return Number(row?.n ?? 0);
}

export class JobCountCache {
  private readonly counts = new Map<string, number>();
  /** Bumped by every invalidation; a count that saw an older version is not kept. */
  private version = 0;

  invalidate(): void {
    this.version += 1;
    this.counts.clear();
  }

  async count(key: string, compute: () => Promise<number>): Promise<number> {
    const cached = this.counts.get(key);
    if (cached !== undefined) return cached;
    const version = this.version;
    const total = await compute();
    // A write that committed while this count ran may not be in it.
    if (version === this.version) {
      if (this.counts.size >= MAX_CACHED) this.counts.delete(this.counts.keys().next().value!);
      this.counts.set(key, total);
    }
    return total;
  }
}

/** The cache key: only the fields that change which jobs match, in a fixed order. */
export function countKey(query: JobQuery, me: Me | null): string {
  return JSON.stringify([
    query.search?.trim() ?? '',
    query.status ?? [],
    query.priority ?? [],
    query.assignee === undefined ? '*' : query.assignee,
    query.assignedToMe ? [me?.id ?? null, me?.name ?? null] : false,
    query.siteId ?? '',
    query.dueFrom ?? '',
    query.dueTo ?? '',
  ]);
}
