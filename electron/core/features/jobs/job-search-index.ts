/**
 * In-memory substring index of live jobs for `jobs.list {search}`.
 *
 * Why: `LIKE '%term%'` over title, description and site name cannot use an index,
 * so a selective term scans every row (~750 ms at 100,000 jobs on Turso, which has
 * no FTS5, and whose `USING fts` matches whole words only). A search table in the
 * replica would sync to the primary, so the index lives in main's memory instead:
 * one lowercased haystack per live job, scanned with String.includes.
 *
 * It is a cache derived from the replica, never a source of truth:
 * - built lazily on the first search (start-up does not pay for it);
 * - every local edit marks its job or site dirty (through the change log hook,
 *   before the row is written) and dirty rows are re-read before the next search;
 * - a pull, a repair or anything else that changes rows behind the change log's
 *   back marks it stale, and it is rebuilt in the background or on the next search.
 * Dirty rows are re-read with no local write in flight (`db.exclusive`), so the
 * index never keeps a half-done transaction that could still roll back.
 *
 * Matching must agree with the LIKE path exactly: Turso's LIKE folds ASCII case
 * only (measured: 'É' does not match 'é'), and each column is matched on its own.
 */
import type { Db, SqlValue } from '../../db/database.js';

/** Separates the columns in a haystack so a match never spans two of them. */
const SEP = '\u0000';

/** Lowercase A-Z only, like LIKE's case folding (String.toLowerCase folds all of Unicode). */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : text;
}

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

/** Ids re-read per statement when refreshing dirty rows. */
const REFRESH_CHUNK = 500;

interface HaystackRow {
  id: string;
  title: string;
  description: string;
  site_name: string | null;
  deleted_at: string | null;
}

const SELECT = `SELECT j.id, j.title, j.description, s.name AS site_name, j.deleted_at
  FROM jobs j LEFT JOIN sites s ON s.id = j.site_id`;

export interface SearchIndexLog {
  info(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export class JobSearchIndex {
  /** id → haystack of a live job; null until the first search builds it. */
  private haystacks: Map<string, string> | null = null;
  private building: Promise<void> | null = null;
  private stale = false;
  private readonly dirtyJobs = new Set<string>();
  private readonly dirtySites = new Set<string>();
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
    void this.refresh().catch((error: unknown) => this.log?.error('job search index rebuild failed', error));
  }

  /**
   * Ids of live jobs whose title, description or site name contains `term`
   * (ASCII case-insensitive), or null when more than `max` match (the caller
   * then uses LIKE, which finds a page of a common term quickly in sort order)
   * or the term cannot be matched here.
   */
  async match(term: string, max: number): Promise<string[] | null> {
    if (term.includes(SEP)) return null;
    const haystacks = await this.refresh();
    const needle = asciiLower(term);
    const ids: string[] = [];
    for (const [id, haystack] of haystacks) {
      if (haystack.includes(needle)) {
        if (ids.length === max) return null;
        ids.push(id);
      }
    }
    return ids;
  }

  /** Brings the index up to date with the replica and returns it. */
  private async refresh(): Promise<Map<string, string>> {
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
    const next = new Map<string, string>();
    let after = '';
    for (;;) {
      const rows = await this.db.all<{ id: string; title: string; description: string; site_id: string | null }>(
        'SELECT id, title, description, site_id FROM jobs WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?',
        [after, BUILD_PAGE],
      );
      for (const row of rows) {
        const siteName = row.site_id === null ? null : (sites.get(row.site_id) ?? null);
        next.set(row.id, haystack(row.title, row.description, siteName));
      }
      if (rows.length < BUILD_PAGE) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.haystacks = next;
    this.builds += 1;
    this.log?.info('job search index built', { jobs: next.size, ms: Math.round(performance.now() - started) });
  }

  /** Re-reads the rows local edits marked; runs with no transaction in flight. */
  private async refreshDirty(haystacks: Map<string, string>): Promise<void> {
    const jobs = [...this.dirtyJobs];
    const sites = [...this.dirtySites];
    this.dirtyJobs.clear();
    this.dirtySites.clear();
    for (let i = 0; i < jobs.length; i += REFRESH_CHUNK) {
      const chunk = jobs.slice(i, i + REFRESH_CHUNK);
      const ids = inList(chunk);
      const rows = await this.db.all<HaystackRow>(`${SELECT} WHERE j.id IN ${ids.sql}`, ids.params);
      for (const id of chunk) haystacks.delete(id);
      for (const row of rows) if (row.deleted_at === null) haystacks.set(row.id, haystack(row.title, row.description, row.site_name));
    }
    for (let i = 0; i < sites.length; i += REFRESH_CHUNK) {
      // A site rename changes the haystack of every job at the site.
      const ids = inList(sites.slice(i, i + REFRESH_CHUNK));
      const rows = await this.db.all<HaystackRow>(`${SELECT} WHERE j.site_id IN ${ids.sql} AND j.deleted_at IS NULL`, ids.params);
      for (const row of rows) haystacks.set(row.id, haystack(row.title, row.description, row.site_name));
    }
  }
}

function haystack(title: string, description: string, siteName: string | null): string {
  return asciiLower(`${title}${SEP}${description}${SEP}${siteName ?? ''}`);
}
