/**
 * Picks one page of search results from the in-memory index: filters, sort order
 * and keyset cursor evaluated in JS exactly as job-queries.ts's SQL does, so the
 * page query afterwards only fetches those ids (at most limit + 1 of them).
 *
 * Why in JS: the fields searched need Unicode case folding, which Turso's LIKE
 * cannot do, and a common term matching thousands of jobs far down the sort order
 * would otherwise page through most of the table in SQL.
 */
import type { JobSort, SortDirection } from '../../../../shared/domain/jobs.js';
import { matchesWords } from '../search-text.js';

/** What the index keeps per live job: the haystack plus every field a filter or sort reads. */
export interface IndexedJob {
  id: string;
  haystack: string;
  title: string;
  status: string;
  priority: string;
  assignee: string | null;
  siteId: string | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SearchPageQuery {
  words: readonly string[];
  status?: readonly string[];
  priority?: readonly string[];
  /** A name, or null for unassigned jobs. */
  assignee?: string | null;
  /** "Assigned to me": this profile name (checked besides `assignee`, as in SQL). */
  mine?: string;
  siteId?: string;
  dueFrom?: string;
  dueTo?: string;
  sort: JobSort;
  direction: SortDirection;
  after?: { key: string | number; id: string };
  /** Ids wanted: the page size plus one, so the caller knows whether more follow. */
  take: number;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 4, high: 3, normal: 2 };

/** The value each sort orders by: SORT_KEYS in job-queries.ts, in JS. */
export const SORT_VALUE: Record<JobSort, (job: IndexedJob) => string | number> = {
  created: (job) => job.createdAt,
  updated: (job) => job.updatedAt,
  title: (job) => job.title,
  due: (job) => job.dueDate ?? '9999-12-31',
  priority: (job) => PRIORITY_RANK[job.priority] ?? 1,
};

/**
 * SQLite's order for the values sort keys take: numbers before text, text by
 * BINARY collation (UTF-8 bytes, i.e. code points). JS compares UTF-16 units,
 * which differs only when a surrogate (a code point above U+FFFF) meets
 * U+E000–U+FFFF.
 */
export function compareSql(a: string | number, b: string | number): number {
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a !== 'number') return 1;
    if (typeof b !== 'number') return -1;
    return a - b;
  }
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

interface Candidate {
  key: string | number;
  id: string;
}

/** Ids of the page, in page order. */
export function searchPage(jobs: Iterable<IndexedJob>, query: SearchPageQuery): string[] {
  const sign = query.direction === 'asc' ? 1 : -1;
  const order = (a: Candidate, b: Candidate) => sign * (compareSql(a.key, b.key) || compareSql(a.id, b.id));
  const keyOf = SORT_VALUE[query.sort];
  const keep = filterFor(query);
  const after = query.after ? { key: query.after.key, id: query.after.id } : null;
  const take = query.take;
  // Top-k by buffering and trimming: once trimmed, the k-th candidate is a bar
  // that most later candidates fail with one comparison.
  const buffer: Candidate[] = [];
  let bar: Candidate | null = null;
  const trimAt = Math.max(2 * take, 256);
  for (const job of jobs) {
    if (!keep(job) || !matchesWords(job.haystack, query.words)) continue;
    const candidate = { key: keyOf(job), id: job.id };
    if (after && order(candidate, after) <= 0) continue;
    if (bar && order(candidate, bar) >= 0) continue;
    buffer.push(candidate);
    if (buffer.length >= trimAt) {
      buffer.sort(order);
      buffer.length = take;
      bar = buffer[take - 1]!;
    }
  }
  buffer.sort(order);
  return buffer.slice(0, take).map((c) => c.id);
}

function filterFor(query: SearchPageQuery): (job: IndexedJob) => boolean {
  const tests: ((job: IndexedJob) => boolean)[] = [];
  if (query.status && query.status.length > 0) {
    const wanted = new Set(query.status);
    tests.push((job) => wanted.has(job.status));
  }
  if (query.priority && query.priority.length > 0) {
    const wanted = new Set(query.priority);
    tests.push((job) => wanted.has(job.priority));
  }
  if (query.assignee !== undefined) {
    const assignee = query.assignee;
    tests.push((job) => job.assignee === assignee);
  }
  if (query.mine !== undefined) {
    const mine = query.mine;
    tests.push((job) => job.assignee === mine);
  }
  if (query.siteId) {
    const siteId = query.siteId;
    tests.push((job) => job.siteId === siteId);
  }
  // A job without a due date fails both bounds, as NULL does in SQL.
  if (query.dueFrom) {
    const from = query.dueFrom;
    tests.push((job) => job.dueDate !== null && compareSql(job.dueDate, from) >= 0);
  }
  if (query.dueTo) {
    const to = query.dueTo;
    tests.push((job) => job.dueDate !== null && compareSql(job.dueDate, to) <= 0);
  }
  return (job) => tests.every((test) => test(job));
}
