/**
 * Picks one page of search results from the in-memory index: filters, sort order
 * and keyset cursor evaluated in JS exactly as job-queries.ts's SQL does, so the
 * page query afterwards only fetches those ids (at most limit + 1 of them).
 *
 * Why in JS: the fields searched need Unicode case folding, which Turso's LIKE
 * cannot do. Each sort keeps its live jobs in order (built on first use, kept
 * in order through edits), so a page walks from the cursor and stops once full:
 * a common term costs a few steps, a term whose matches all sort last costs one
 * pass of String.includes over the jobs, never a sort of the matches.
 */
import type { JobSort, SortDirection } from '../../../../shared/domain/jobs.js';
import { matchesWords } from '../search-text.js';
import { sortInSlices, type TimeSlice } from './time-slice.js';

/** What the index keeps per live job: the haystack, the filtered fields and each sort's key. */
export interface IndexedJob {
  id: string;
  haystack: string;
  status: string;
  priority: string;
  assignee: string | null;
  assigneeId: string | null;
  siteId: string | null;
  dueDate: string | null;
  /** Sort keys (sortableText, or a number), in SQL's order when compared with `<`. */
  idKey: string;
  createdKey: string;
  updatedKey: string;
  titleKey: string;
  dueKey: string;
  priorityRank: number;
}

/** The words and filters of a search: which jobs match, whatever the order. */
export interface SearchFilters {
  words: readonly string[];
  status?: readonly string[];
  priority?: readonly string[];
  /** A name, or null for unassigned jobs. */
  assignee?: string | null;
  /** "Assigned to me": this person (checked besides `assignee`, as in SQL). */
  mine?: { id: string; name: string };
  siteId?: string;
  dueFrom?: string;
  dueTo?: string;
}

export interface SearchPageQuery extends SearchFilters {
  sort: JobSort;
  direction: SortDirection;
  after?: { key: string | number; id: string };
  /** Ids wanted: the page size plus one, so the caller knows whether more follow. */
  take: number;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 4, high: 3, normal: 2 };

/** SORT_KEYS in job-queries.ts: `CASE priority … ELSE 1 END`. */
export const priorityRank = (priority: string) => PRIORITY_RANK[priority] ?? 1;

/**
 * `text` rearranged so that JS's `<` (UTF-16 code units) orders it as SQLite's
 * BINARY collation does (UTF-8 bytes, i.e. code points). The two differ only
 * where a surrogate (a code point above U+FFFF) meets U+E000–U+FFFF, so those
 * units swap ranges; text without any unit ≥ U+D800 is returned as is.
 */
export function sortableText(text: string): string {
  if (!/[\uD800-\uFFFF]/.test(text)) return text;
  return text.replace(/[\uD800-\uFFFF]/g, (c) => {
    const unit = c.charCodeAt(0);
    return String.fromCharCode(unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);
  });
}

type Key = string | number;

const KEY_OF: Record<JobSort, (job: IndexedJob) => Key> = {
  created: (job) => job.createdKey,
  updated: (job) => job.updatedKey,
  title: (job) => job.titleKey,
  due: (job) => job.dueKey,
  priority: (job) => job.priorityRank,
};

/** SQLite's order: numbers before text. */
function compareKeys(a: Key, b: Key): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The live jobs of one sort, ascending by (key, id); descending pages walk it backwards. */
export class SortedJobs {
  private readonly jobs: IndexedJob[];
  private readonly keyOf: (job: IndexedJob) => Key;

  /** `presorted`: `jobs` is already in this sort's order (inSlices made it). */
  constructor(sort: JobSort, jobs: Iterable<IndexedJob>, presorted = false) {
    this.keyOf = KEY_OF[sort];
    this.jobs = presorted ? [...jobs] : [...jobs].sort((a, b) => this.compare(this.keyOf(a), a.idKey, b));
  }

  /** The same order, sorted in slices that yield (one sort of 100,000 jobs held main ~50-100 ms). */
  static async inSlices(sort: JobSort, jobs: Iterable<IndexedJob>, slice: TimeSlice): Promise<SortedJobs> {
    const keyOf = KEY_OF[sort];
    const byKey = (a: IndexedJob, b: IndexedJob) => compareKeys(keyOf(a), keyOf(b)) || (a.idKey < b.idKey ? -1 : a.idKey > b.idKey ? 1 : 0);
    return new SortedJobs(sort, await sortInSlices([...jobs], byKey, slice), true);
  }

  /** Keeps the order when a job changes (`before`/`after` undefined: added/removed); false if lost. */
  replace(before: IndexedJob | undefined, after: IndexedJob | undefined): boolean {
    if (before) {
      const at = this.firstNotBefore(this.keyOf(before), before.idKey);
      if (this.jobs[at] !== before) return false;
      // Same place (e.g. only its site was renamed): no shifting of the array.
      if (after && this.keyOf(after) === this.keyOf(before) && after.idKey === before.idKey) {
        this.jobs[at] = after;
        return true;
      }
      this.jobs.splice(at, 1);
    }
    if (after) this.jobs.splice(this.firstNotBefore(this.keyOf(after), after.idKey), 0, after);
    return true;
  }

  /** Ids of the page: from just past the cursor, in the query's direction, until `take` match. */
  page(query: SearchPageQuery): string[] {
    const scan = this.startScan(query);
    this.scan(scan, query, Infinity);
    return scan.ids;
  }

  /**
   * `page`, in slices that yield: a rare term walks every job (~50-130 ms at
   * 100,000). The caller must not change this order until it settles.
   */
  async pageInSlices(query: SearchPageQuery, slice: TimeSlice): Promise<string[]> {
    const scan = this.startScan(query);
    while (!this.scan(scan, query, SCAN_STEP)) if (slice.spent(SCAN_STEP)) await slice.pause();
    return scan.ids;
  }

  private startScan(query: SearchPageQuery): Scan {
    const keep = filterFor(query);
    const after = query.after ? { key: typeof query.after.key === 'number' ? query.after.key : sortableText(query.after.key), id: sortableText(query.after.id) } : null;
    let at: number;
    if (query.direction === 'asc') at = after ? this.firstAfter(after.key, after.id) : 0;
    else at = after ? this.firstNotBefore(after.key, after.id) - 1 : this.jobs.length - 1;
    return { at, keep, ids: [] };
  }

  /** Walks at most `steps` jobs on from `scan.at`; true once the page is full or the order ends. */
  private scan(scan: Scan, query: SearchPageQuery, steps: number): boolean {
    const { jobs } = this;
    const { keep, ids } = scan;
    let i = scan.at;
    let left = steps;
    if (query.direction === 'asc') {
      for (; i < jobs.length && ids.length < query.take && left > 0; i++, left--) {
        const job = jobs[i]!;
        if (keep(job) && matchesWords(job.haystack, query.words)) ids.push(job.id);
      }
      scan.at = i;
      return i >= jobs.length || ids.length >= query.take;
    }
    for (; i >= 0 && ids.length < query.take && left > 0; i--, left--) {
      const job = jobs[i]!;
      if (keep(job) && matchesWords(job.haystack, query.words)) ids.push(job.id);
    }
    scan.at = i;
    return i < 0 || ids.length >= query.take;
  }

  private compare(key: Key, idKey: string, job: IndexedJob): number {
    return compareKeys(key, this.keyOf(job)) || (idKey < job.idKey ? -1 : idKey > job.idKey ? 1 : 0);
  }

  /** Index of the first job not ordered before (key, id). */
  private firstNotBefore(key: Key, idKey: string): number {
    let lo = 0;
    let hi = this.jobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(key, idKey, this.jobs[mid]!) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first job ordered after (key, id). */
  private firstAfter(key: Key, idKey: string): number {
    let lo = 0;
    let hi = this.jobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(key, idKey, this.jobs[mid]!) >= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** How many of `jobs` match the words and filters (order does not matter for a count). */
export function countMatches(jobs: Iterable<IndexedJob>, query: SearchFilters): number {
  const keep = filterFor(query);
  let n = 0;
  for (const job of jobs) if (keep(job) && matchesWords(job.haystack, query.words)) n += 1;
  return n;
}

/** `countMatches` in slices that yield; `jobs` must not change until it settles. */
export async function countMatchesInSlices(jobs: Iterable<IndexedJob>, query: SearchFilters, slice: TimeSlice): Promise<number> {
  const keep = filterFor(query);
  let n = 0;
  for (const job of jobs) {
    if (keep(job) && matchesWords(job.haystack, query.words)) n += 1;
    if (slice.spent()) await slice.pause();
  }
  return n;
}

/** Jobs walked between two looks at the slice's budget. */
const SCAN_STEP = 256;

interface Scan {
  /** The next index to look at. */
  at: number;
  keep: (job: IndexedJob) => boolean;
  ids: string[];
}

function filterFor(query: SearchFilters): (job: IndexedJob) => boolean {
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
    // By person id; a job given a typed name (no id) by name: jobFilterWhere's rule.
    const { id, name } = query.mine;
    tests.push((job) => job.assigneeId === id || (job.assigneeId === null && job.assignee === name));
  }
  if (query.siteId) {
    const siteId = query.siteId;
    tests.push((job) => job.siteId === siteId);
  }
  // A job without a due date fails both bounds, as NULL does in SQL. Dates are
  // validated YYYY-MM-DD (ASCII), so `<` orders them as SQL does.
  if (query.dueFrom) {
    const from = query.dueFrom;
    tests.push((job) => job.dueDate !== null && job.dueDate >= from);
  }
  if (query.dueTo) {
    const to = query.dueTo;
    tests.push((job) => job.dueDate !== null && job.dueDate <= to);
  }
  if (tests.length === 0) return () => true;
  return (job) => {
    for (const test of tests) if (!test(job)) return false;
    return true;
  };
}
