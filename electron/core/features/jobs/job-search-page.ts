/**
 * Picks one page of search results from the in-memory index: filters, sort order
 * and keyset cursor evaluated in JS exactly as job-queries.ts's SQL does, so the
 * page query afterwards only fetches those ids (at most limit + 1 of them).
 *
 * Why in JS: the fields searched need Unicode case folding, which Turso's LIKE
 * cannot do. Each sort keeps its live jobs in order (built on first use, kept
 * in order through edits), so a page walks from the cursor and stops once full:
 * a common term costs a few steps, a term whose matches all sort last costs one
 * native indexOf scan per chunk of joined haystacks (job-search-chunk.ts),
 * never a sort of the matches.
 */
import type { JobSort, SortDirection } from '../../../../shared/domain/jobs.js';
import { matchesWords } from '../search-text.js';
import { CHUNK_SIZE, JobChunk } from './job-search-chunk.js';
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

/**
 * Chunks one page or count may join (the rest it scans job by job): joining all
 * 100,000 jobs' text at once held the loop ~90 ms on a loaded machine, so the
 * first pages after a sort or an edit join a few and the index joins the rest
 * in the background (JobSearchIndex).
 */
const JOINS_PER_PAGE = 16;

function joinBudget(): () => boolean {
  let left = JOINS_PER_PAGE;
  return () => left-- > 0;
}

/** Where a job sits in a SortedJobs: its chunk and its index in that chunk. */
interface Place {
  chunk: number;
  at: number;
}

/**
 * The live jobs of one sort, ascending by (key, id), in chunks of about
 * CHUNK_SIZE (job-search-chunk.ts); descending pages walk it backwards. Chunks
 * keep an edit's cost to one chunk: the job moves within or between chunks and
 * only the chunks it left and entered are joined again.
 */
export class SortedJobs {
  private readonly chunks: JobChunk[] = [];
  private readonly keyOf: (job: IndexedJob) => Key;

  /** `chunkSize` is for tests (small chunks put every edge case in a few jobs); `presorted`: inSlices sorted them. */
  constructor(
    sort: JobSort,
    jobs: Iterable<IndexedJob>,
    private readonly chunkSize = CHUNK_SIZE,
    presorted = false,
  ) {
    this.keyOf = KEY_OF[sort];
    const sorted = presorted ? [...jobs] : [...jobs].sort((a, b) => this.compare(this.keyOf(a), a.idKey, b));
    for (let i = 0; i < sorted.length; i += chunkSize) this.chunks.push(new JobChunk(sorted.slice(i, i + chunkSize)));
  }

  /** The same order, sorted in slices that yield (one sort of 100,000 jobs held main ~50-100 ms). */
  static async inSlices(sort: JobSort, jobs: Iterable<IndexedJob>, slice: TimeSlice, chunkSize = CHUNK_SIZE): Promise<SortedJobs> {
    const keyOf = KEY_OF[sort];
    const byKey = (a: IndexedJob, b: IndexedJob) => compareKeys(keyOf(a), keyOf(b)) || (a.idKey < b.idKey ? -1 : a.idKey > b.idKey ? 1 : 0);
    return new SortedJobs(sort, await sortInSlices([...jobs], byKey, slice), chunkSize, true);
  }

  /** Whether some chunk's text is still to be joined (joinSome does it, a few at a time). */
  get hasUnjoined(): boolean {
    return this.chunks.some((chunk) => !chunk.isJoined);
  }

  /** Joins up to `max` chunks not joined yet; true if any are left. */
  joinSome(max: number): boolean {
    let joined = 0;
    for (const chunk of this.chunks) {
      if (chunk.isJoined) continue;
      if (joined === max) return true;
      chunk.join();
      joined += 1;
    }
    return false;
  }

  /** Lets go of every chunk's joined text (memory); pages scan job by job until joined again. */
  release(): void {
    for (const chunk of this.chunks) chunk.changed();
  }

  /** Keeps the order when a job changes (`before`/`after` undefined: added/removed); false if lost. */
  replace(before: IndexedJob | undefined, after: IndexedJob | undefined): boolean {
    if (before) {
      const place = this.firstNotBefore(this.keyOf(before), before.idKey);
      const chunk = this.chunks[place.chunk];
      if (chunk?.jobs[place.at] !== before) return false;
      chunk.changed();
      // Same place (e.g. only its site was renamed): no shifting.
      if (after && this.keyOf(after) === this.keyOf(before) && after.idKey === before.idKey) {
        chunk.jobs[place.at] = after;
        return true;
      }
      chunk.jobs.splice(place.at, 1);
      if (chunk.jobs.length === 0) this.chunks.splice(place.chunk, 1);
    }
    if (after) this.insert(after);
    return true;
  }

  /** Ids of the page: from just past the cursor, in the query's direction, until `take` match. */
  page(query: SearchPageQuery): string[] {
    const keep = filterFor(query);
    const mayJoin = joinBudget();
    const after = query.after ? { key: typeof query.after.key === 'number' ? query.after.key : sortableText(query.after.key), id: sortableText(query.after.id) } : null;
    const ids: string[] = [];
    const { chunks } = this;
    if (query.direction === 'asc') {
      const from = after ? this.firstAfter(after.key, after.id) : { chunk: 0, at: 0 };
      for (let c = from.chunk; c < chunks.length && ids.length < query.take; c++) {
        const chunk = chunks[c]!;
        for (const i of chunk.matching(query.words, c === from.chunk ? from.at : 0, chunk.jobs.length, mayJoin)) {
          const job = chunk.jobs[i]!;
          if (keep(job)) ids.push(job.id);
          if (ids.length === query.take) break;
        }
      }
    } else {
      // Up to (not including) the first job not before the cursor.
      const to = after ? this.firstNotBefore(after.key, after.id) : { chunk: chunks.length, at: 0 };
      for (let c = Math.min(to.chunk, chunks.length - 1); c >= 0 && ids.length < query.take; c--) {
        const chunk = chunks[c]!;
        const found = chunk.matching(query.words, 0, c === to.chunk ? to.at : chunk.jobs.length, mayJoin);
        for (let k = found.length - 1; k >= 0; k--) {
          const job = chunk.jobs[found[k]!]!;
          if (keep(job)) ids.push(job.id);
          if (ids.length === query.take) break;
        }
      }
    }
    return ids;
  }

  /** How many jobs match the words and filters. */
  count(query: SearchFilters): number {
    const keep = filterFor(query);
    const mayJoin = joinBudget();
    let n = 0;
    for (const chunk of this.chunks) {
      for (const i of chunk.matching(query.words, 0, chunk.jobs.length, mayJoin)) if (keep(chunk.jobs[i]!)) n += 1;
    }
    return n;
  }

  private insert(job: IndexedJob): void {
    const place = this.firstNotBefore(this.keyOf(job), job.idKey);
    // Past the last job: at the end of the last chunk.
    if (place.chunk === this.chunks.length) {
      if (this.chunks.length === 0) this.chunks.push(new JobChunk([]));
      place.chunk = this.chunks.length - 1;
      place.at = this.chunks[place.chunk]!.jobs.length;
    }
    const chunk = this.chunks[place.chunk]!;
    chunk.jobs.splice(place.at, 0, job);
    chunk.changed();
    if (chunk.jobs.length >= 2 * this.chunkSize) {
      const half = chunk.jobs.length >>> 1;
      this.chunks.splice(place.chunk + 1, 0, new JobChunk(chunk.jobs.splice(half)));
    }
  }

  private compare(key: Key, idKey: string, job: IndexedJob): number {
    return compareKeys(key, this.keyOf(job)) || (idKey < job.idKey ? -1 : idKey > job.idKey ? 1 : 0);
  }

  /** Place of the first job not ordered before (key, id); past the end: chunk = chunks.length. */
  private firstNotBefore(key: Key, idKey: string): Place {
    return this.place((job) => this.compare(key, idKey, job) > 0);
  }

  /** Place of the first job ordered after (key, id); past the end: chunk = chunks.length. */
  private firstAfter(key: Key, idKey: string): Place {
    return this.place((job) => this.compare(key, idKey, job) >= 0);
  }

  /** Place of the first job for which `before` is false (`before` is true for a prefix of the order). */
  private place(before: (job: IndexedJob) => boolean): Place {
    const { chunks } = this;
    // The first chunk whose last job is not before; the place is inside it.
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const jobs = chunks[mid]!.jobs;
      if (before(jobs[jobs.length - 1]!)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { chunk: lo, at: 0 };
    const jobs = chunks[lo]!.jobs;
    let a = 0;
    let b = jobs.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (before(jobs[mid]!)) a = mid + 1;
      else b = mid;
    }
    return { chunk: lo, at: a };
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
