/**
 * In-memory search index of live jobs for `jobs.list {search}`: it answers every
 * search, whatever the number of matches.
 *
 * Why: `LIKE '%term%'` over title, description and site name cannot use an index,
 * so a selective term scans every row (~750 ms at 100,000 jobs on Turso, which has
 * no FTS5, and whose `USING fts` matches whole words only), and Turso's LIKE folds
 * ASCII case only (measured: 'É' does not match 'é'). A search table in the
 * replica would sync to the primary, so the index lives in main's memory instead:
 * per live job one case-folded haystack (search-text.ts has the matching rules)
 * plus the fields the job list filters and sorts by, and per sort the jobs in
 * order, so a page of any search is picked here (job-search-page.ts) and SQL
 * only fetches those rows.
 *
 * It is a cache derived from the replica, never a source of truth:
 * - built lazily on the first search (start-up does not pay for it);
 * - every local edit marks its job or site dirty (through the change log hook,
 *   before the row is written) and dirty rows are re-read before the next search;
 * - a pull, a repair or anything else that changes rows behind the change log's
 *   back marks it stale, and it is rebuilt in the background or on the next search.
 * Dirty rows are re-read with no local write in flight (`db.exclusive`), so the
 * index never keeps a half-done transaction that could still roll back.
 */
import type { Db, SqlValue } from '../../db/database.js';
import { searchHaystack } from '../search-text.js';
import type { JobSort } from '../../../../shared/domain/jobs.js';
import { countMatchesInSlices, priorityRank, sortableText, SortedJobs, type IndexedJob, type SearchFilters, type SearchPageQuery } from './job-search-page.js';
import { TimeSlice } from './time-slice.js';

/**
 * `(?, ?, …)` for `column IN …` and its values. A literal list, because Turso's
 * planner then seeks an index per value; with `IN (SELECT value FROM json_each(?))`
 * or a join on json_each it scanned a whole index or table instead (measured).
 * Padded with NULLs (which match nothing) to a power of two ≥ 16, so only a few
 * distinct statements reach the prepared-statement cache.
 */
export function inList(values: readonly string[]): { sql: string; params: SqlValue[] } {
  let size = 16;
  while (size < values.length) size *= 2;
  return {
    sql: `(${Array.from({ length: size }, () => '?').join(', ')})`,
    params: [...values, ...Array<null>(size - values.length).fill(null)],
  };
}

/**
 * Jobs read per statement while building. Small, with a yield between pages:
 * the binding hands rows over on the main thread, and a 1,000-job page held
 * the event loop for 50-400 ms on a loaded machine, 250 for 25-50 ms (measured;
 * the whole build took about as long either way).
 */
const BUILD_PAGE = 250;

/** Sort orders whose chunks keep their joined text (the ones used last); the others scan job by job. */
const JOINED_ORDERS = 1;

/** Chunks joined per slice of the background join: ~6,000 jobs, a few ms. */
const JOIN_SLICE = 24;

/** Ids re-read per statement when refreshing dirty rows. */
const REFRESH_CHUNK = 500;

/** Past this many dirty jobs and sites in one refresh, the sort orders are rebuilt instead of patched. */
const REORDER_MAX = 2_000;

/** The columns the index keeps (besides the site name, joined in). */
const JOB_FIELDS = 'id, title, description, site_id, status, priority, assignee, assignee_id, due_date, created_at, updated_at';

interface IndexRow {
  id: string;
  title: string;
  description: string;
  site_id: string | null;
  status: string;
  priority: string;
  assignee: string | null;
  assignee_id: string | null;
  due_date: string | null;
  created_at: string;
  updated_at: string;
}

interface RefreshRow extends IndexRow {
  site_name: string | null;
  deleted_at: string | null;
}

const SELECT = `SELECT ${JOB_FIELDS.split(', ').map((c) => `j.${c}`).join(', ')}, s.name AS site_name, j.deleted_at
  FROM jobs j LEFT JOIN sites s ON s.id = j.site_id`;

export interface SearchIndexLog {
  info(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export class JobSearchIndex {
  /** id → a live job's haystack and list fields; null until the first search builds it. */
  private haystacks: Map<string, IndexedJob> | null = null;
  /** Per sort, the live jobs in order; made on the first search with that sort. */
  private readonly orders = new Map<JobSort, SortedJobs>();
  private building: Promise<void> | null = null;
  /** The background join of chunk text (keepJoined), while one runs. */
  private joining: Promise<void> | null = null;
  private stale = false;
  private readonly dirtyJobs = new Set<string>();
  private readonly dirtySites = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Full builds done so far (tests and logs). */
  builds = 0;

  constructor(
    private readonly db: Db,
    private readonly log?: SearchIndexLog,
  ) {}

  /** A local edit of a job or site is about to be written (called from the change log). */
  noteEdit(entity: string, id: string): void {
    // Before the first build starts there is nothing to keep current.
    if (this.haystacks === null && this.building === null) return;
    if (entity === 'job') this.dirtyJobs.add(id);
    else if (entity === 'site') this.dirtySites.add(id);
  }

  /** Rows changed without the change log (pull, repair): rebuild in the background. */
  markStale(): void {
    if (this.haystacks === null && this.building === null) return;
    this.stale = true;
    void this.serially(() => this.refresh()).catch((error: unknown) => this.log?.error('job search index rebuild failed', error));
  }

  /** Ids of one page of live jobs matching the query's words, filters, order and cursor. */
  page(query: SearchPageQuery): Promise<string[]> {
    return this.serially(async () => {
      const jobs = await this.refresh();
      const order = this.orders.get(query.sort) ?? (await SortedJobs.inSlices(query.sort, jobs.values(), new TimeSlice()));
      // Most recently used last: the orders that keep their joined text.
      this.orders.delete(query.sort);
      this.orders.set(query.sort, order);
      const ids = order.page(query);
      this.keepJoined();
      return ids;
    });
  }

  /** How many live jobs match the query's words and filters. */
  count(query: SearchFilters): Promise<number> {
    return this.serially(async () => {
      const jobs = await this.refresh();
      // Any sort order holds every live job; the latest used has its text joined.
      const order = [...this.orders.values()].pop();
      return order ? order.count(query) : countMatchesInSlices(jobs.values(), query, new TimeSlice());
    });
  }

  /**
   * Searches, counts and background refreshes run one at a time: a sort or a
   * count yields to the event loop in slices (time-slice.ts), and nothing may
   * change the index under it meanwhile.
   */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // A failed task fails its caller only; the next one still runs.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Joins, in the background and a slice at a time, the chunk text of the
   * JOINED_ORDERS orders used last, and lets go of the others' (each is about
   * as large as all haystacks: ~11 MB at 100,000 jobs).
   */
  private keepJoined(): void {
    const orders = [...this.orders.values()];
    for (const order of orders.slice(0, -JOINED_ORDERS)) order.release();
    if (this.joining || !orders.slice(-JOINED_ORDERS).some((order) => order.hasUnjoined)) return;
    this.joining = (async () => {
      for (;;) {
        const pending = [...this.orders.values()].slice(-JOINED_ORDERS).find((order) => order.hasUnjoined);
        if (!pending) return;
        pending.joinSome(JOIN_SLICE);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })().finally(() => (this.joining = null));
  }

  /** Brings the index up to date with the replica and returns it. */
  private async refresh(): Promise<Map<string, IndexedJob>> {
    // A build in flight may be reading rows newer than the index holds: wait for it.
    while (this.haystacks === null || this.stale || this.building !== null) {
      this.building ??= this.build().finally(() => (this.building = null));
      await this.building;
    }
    if (this.dirtyJobs.size > 0 || this.dirtySites.size > 0) {
      await this.db.exclusive(() => this.refreshDirty(this.haystacks!));
    }
    return this.haystacks;
  }

  /**
   * Reads every live job. It holds no lock (the read is long at 100,000 jobs and
   * local edits must not wait for it): an edit that starts meanwhile marks its row
   * dirty before writing it, so anything the read saw half-done is re-read later.
   */
  private async build(): Promise<void> {
    this.stale = false;
    const started = performance.now();
    // With no transaction in flight, every earlier mark is settled (committed or
    // rolled back) and the read below sees its outcome.
    await this.db.exclusive(async () => {
      this.dirtyJobs.clear();
      this.dirtySites.clear();
    });
    // Sites joined here rather than in SQL: a third faster at 100,000 jobs (measured).
    // Deleted sites included, as the LIKE path's LEFT JOIN does.
    const sites = new Map<string, string>();
    for (const site of await this.db.all<{ id: string; name: string }>('SELECT id, name FROM sites')) sites.set(site.id, site.name);
    // Read in keyset pages: one 100,000-row answer held ~90 MB of row objects at
    // once (measured RSS); pages keep the peak small. Edits between pages mark
    // their rows dirty like any other edit during the build.
    const next = new Map<string, IndexedJob>();
    let after = '';
    for (;;) {
      const rows = await this.db.all<IndexRow>(
        `SELECT ${JOB_FIELDS} FROM jobs WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?`,
        [after, BUILD_PAGE],
      );
      for (const row of rows) {
        const siteName = row.site_id === null ? null : (sites.get(row.site_id) ?? null);
        next.set(row.id, indexed(row, siteName));
      }
      if (rows.length < BUILD_PAGE) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.haystacks = next;
    this.orders.clear();
    this.builds += 1;
    this.log?.info('job search index built', { jobs: next.size, ms: Math.round(performance.now() - started) });
  }

  /** Sets (or, with undefined, removes) one job, keeping every sort order in step. */
  private put(haystacks: Map<string, IndexedJob>, id: string, job: IndexedJob | undefined, reorder: boolean): void {
    const before = haystacks.get(id);
    if (job) haystacks.set(id, job);
    else haystacks.delete(id);
    if (!reorder || (!before && !job)) return;
    for (const [sort, order] of this.orders) {
      // A lost place would be a bug; dropping the order is always safe.
      if (!order.replace(before, job)) this.orders.delete(sort);
    }
  }

  /** Re-reads the rows local edits marked; runs with no transaction in flight. */
  private async refreshDirty(haystacks: Map<string, IndexedJob>): Promise<void> {
    const jobs = [...this.dirtyJobs];
    const sites = [...this.dirtySites];
    this.dirtyJobs.clear();
    this.dirtySites.clear();
    // Many changes (a bulk edit, a site with thousands of jobs renamed): sorting
    // afresh on the next search is cheaper than patching each order job by job.
    const reorder = jobs.length + sites.length <= REORDER_MAX;
    if (!reorder) this.orders.clear();
    for (let i = 0; i < jobs.length; i += REFRESH_CHUNK) {
      const chunk = jobs.slice(i, i + REFRESH_CHUNK);
      const ids = inList(chunk);
      const rows = await this.db.all<RefreshRow>(`${SELECT} WHERE j.id IN ${ids.sql}`, ids.params);
      const live = new Map<string, IndexedJob>();
      for (const row of rows) if (row.deleted_at === null) live.set(row.id, indexed(row, row.site_name));
      for (const id of chunk) this.put(haystacks, id, live.get(id), reorder);
    }
    for (let i = 0; i < sites.length; i += REFRESH_CHUNK) {
      // A site rename changes the haystack of every job at the site.
      const ids = inList(sites.slice(i, i + REFRESH_CHUNK));
      const rows = await this.db.all<RefreshRow>(`${SELECT} WHERE j.site_id IN ${ids.sql} AND j.deleted_at IS NULL`, ids.params);
      for (const row of rows) this.put(haystacks, row.id, indexed(row, row.site_name), reorder);
    }
  }
}

/** Status and priority are a handful of values: one shared string each instead of one per row. */
const interned = new Map<string, string>();
function intern(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  // Bounded: a pulled row from a future schema could carry values of its own.
  if (interned.size < 64) interned.set(value, value);
  return value;
}

function indexed(row: IndexRow, siteName: string | null): IndexedJob {
  const dueKey = row.due_date ?? '9999-12-31';
  return {
    id: row.id,
    haystack: searchHaystack([row.title, row.description, siteName]),
    status: intern(row.status),
    priority: intern(row.priority),
    assignee: row.assignee,
    assigneeId: row.assignee_id,
    siteId: row.site_id,
    dueDate: row.due_date,
    idKey: sortableText(row.id),
    createdKey: sortableText(row.created_at),
    updatedKey: sortableText(row.updated_at),
    titleKey: sortableText(row.title),
    dueKey: sortableText(dueKey),
    priorityRank: priorityRank(row.priority),
  };
}
