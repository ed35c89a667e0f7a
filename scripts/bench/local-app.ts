/**
 * The app path: every figure goes through `core.dispatch(name, input)`, i.e.
 * contract validation, handler, SQL and result shaping, exactly as the
 * renderer's calls do.
 */
import type { Core } from '../../electron/core/app-core.js';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { BenchSizes } from './config.js';
import { timeOnce, timeRuns } from './measure.js';
import type { Results } from './results.js';
import { call, probeHandler } from './workspace.js';

/** The page the issue names: open jobs by due date, 200 at a time. */
export const STATUS_PAGE_INPUT = { status: ['open'], sort: 'due', limit: 200 } as const;
export const NEWEST_PAGE_INPUT = { limit: 200 } as const;
/**
 * Titles end in a unique number (see data.ts): each search matches one job and
 * scans them all. Searches use the second half of the jobs and edits the first,
 * so an edited title never hides the job a later search looks for.
 */
export const rareSearchTerm = (i: number, jobs: number) => {
  const half = Math.floor(jobs / 2);
  return String(100000 + half + ((i * 7919) % (jobs - half)));
};
export const COMMON_SEARCH_TERM = 'pump';
/**
 * Matches the oldest tenth or less of the jobs (their numbers share a prefix),
 * i.e. many matches that all sort last in the default newest-first order:
 * `#10` (10,000 jobs) at 100,000, `#1000` (100) at 2,000.
 */
export function deepSearchTerm(jobs: number): { term: string; matches: number } {
  const digits = Math.max(0, Math.min(5, Math.floor(Math.log10(Math.max(1, jobs / 10)))));
  return { term: `#1${'0'.repeat(5 - digits)}`, matches: Math.min(jobs, 10 ** digits) };
}
/** Several words in any order, with extra spaces: every word must be found. */
export const WORDS_SEARCH_TERM = '  pump   inspect ';

const pickId = (ids: readonly string[], i: number) => ids[(i * 7919) % ids.length]!;
const pickEditId = (ids: readonly string[], i: number) => ids[(i * 7919) % Math.max(1, Math.floor(ids.length / 2))]!;

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`wrong answer: ${message}`);
}

async function pageCase(core: Core, results: Results, id: string, label: string, input: (i: number) => unknown, runs: number, verify: (page: JobPage, i: number) => void): Promise<void> {
  const first = await probeHandler(core, 'jobs.list', input(0));
  if (!first.ok) {
    results.skip(id, 'local', label, 'app', 'ms', first.reason);
    return;
  }
  verify(first.value as JobPage, 0);
  let rows = 0;
  const samples = await timeRuns(async (i) => {
    const page = await call<JobPage>(core, 'jobs.list', input(i));
    verify(page, i);
    rows = page.items.length;
  }, { runs });
  results.samples(id, 'local', label, 'app', 'ms', samples, { rows });
}

export async function benchAppReads(core: Core, results: Results, sizes: BenchSizes, jobIds: readonly string[]): Promise<void> {
  const samples = await timeRuns(async (i) => {
    const id = pickId(jobIds, i);
    const job = await call<Job>(core, 'jobs.get', { id });
    check(job.id === id, `jobs.get returned ${job.id} for ${id}`);
  }, { runs: sizes.pointRuns });
  results.samples('app.get', 'local', 'open one job (jobs.get)', 'app', 'ms', samples);

  await pageCase(core, results, 'app.page.newest', 'page of 200, newest first (jobs.list {limit:200})', () => NEWEST_PAGE_INPUT, sizes.pageRuns, (page) =>
    check(page.items.length === Math.min(200, jobIds.length), `newest page has ${page.items.length} rows`),
  );
  await pageCase(core, results, 'app.page.status-due', 'page of 200 open jobs by due date', () => STATUS_PAGE_INPUT, sizes.pageRuns, (page) => {
    check(page.items.length > 0, 'no open jobs in the page');
    check(page.items.every((job) => job.status === 'open'), 'status filter returned other statuses');
  });
  // The first search after opening builds the in-memory search index (job-search-index.ts).
  const first = await timeOnce(() => core.dispatch('jobs.list', { search: rareSearchTerm(0, jobIds.length), limit: 200 }));
  if (first.value.ok) {
    results.samples('app.search.first', 'local', 'first search after open (builds the search index)', 'app', 'ms', [first.ms]);
  }
  await pageCase(core, results, 'app.search.rare', 'search, one match (full scan)', (i) => ({ search: rareSearchTerm(i, jobIds.length), limit: 200 }), sizes.scanRuns, (page, i) =>
    check(page.items.some((job) => job.title.endsWith(`#${rareSearchTerm(i, jobIds.length)}`)), `search ${rareSearchTerm(i, jobIds.length)} missed its job`),
  );
  // The same search as a SQL LIKE scan (what jobs.list did before the index), for comparison (few runs: each scans every job).
  const likeRuns = Math.min(sizes.scanRuns, 10);
  const like = await timeRuns(async (i) => {
    const term = rareSearchTerm(i, jobIds.length);
    const rows = await core.replica.db.all<{ title: string }>(
      `SELECT j.title FROM jobs j LEFT JOIN sites s ON s.id = j.site_id WHERE j.deleted_at IS NULL
       AND (j.title LIKE ? OR j.description LIKE ? OR s.name LIKE ?) ORDER BY j.created_at DESC, j.id DESC LIMIT 201`,
      [`%${term}%`, `%${term}%`, `%${term}%`],
    );
    check(rows.some((row) => row.title.endsWith(`#${term}`)), `LIKE search ${term} missed its job`);
  }, { runs: likeRuns, warmup: 1 });
  results.samples('app.search.rare-like', 'local', 'search, one match, SQL LIKE scan without the index', 'app', 'ms', like);
  await pageCase(core, results, 'app.search.common', `search "${COMMON_SEARCH_TERM}", many matches`, () => ({ search: COMMON_SEARCH_TERM, limit: 200 }), sizes.scanRuns, (page) =>
    check(page.items.length > 0, `search "${COMMON_SEARCH_TERM}" found nothing`),
  );
  const deep = deepSearchTerm(jobIds.length);
  await pageCase(core, results, 'app.search.deep', `search "${deep.term}", ${deep.matches} matches that sort last (newest first)`, () => ({ search: deep.term, limit: 200 }), sizes.scanRuns, (page) => {
    check(page.items.length === Math.min(200, deep.matches), `search "${deep.term}" gave ${page.items.length} rows`);
    check(page.items.every((job) => job.title.includes(deep.term)), `search "${deep.term}" returned a job without it`);
  });
  await pageCase(core, results, 'app.search.words', `search "${WORDS_SEARCH_TERM}" (two words, any order), by title`, () => ({ search: WORDS_SEARCH_TERM, sort: 'title', limit: 200 }), sizes.scanRuns, (page) => {
    check(page.items.length > 0, `search "${WORDS_SEARCH_TERM}" found nothing`);
    check(page.items.every((job) => /pump/i.test(job.title) && /inspect/i.test(job.title)), `search "${WORDS_SEARCH_TERM}" returned a job without both words`);
  });
}

/** One durable edit each (its own transaction, change-log row and stamps), then a burst in a row. */
export async function benchAppEdits(core: Core, results: Results, sizes: BenchSizes, jobIds: readonly string[]): Promise<void> {
  const probe = await probeHandler(core, 'jobs.update', { id: pickEditId(jobIds, 0), title: 'Bench edit probe' });
  if (!probe.ok) {
    results.skip('app.edit', 'local', 'one durable edit (jobs.update)', 'app', 'ms', probe.reason);
    results.skip('app.edit-burst', 'local', `${sizes.editBurst} edits in a row (jobs.update)`, 'app', 'ms', probe.reason);
    return;
  }
  const edit = async (i: number, label: string) => {
    const id = pickEditId(jobIds, i);
    const title = `${label} ${i}`;
    const job = await call<Job>(core, 'jobs.update', { id, title });
    check(job.title === title, `jobs.update did not return the new title for ${id}`);
  };
  const single = await timeRuns((i) => edit(i, 'Bench edit'), { runs: sizes.editRuns });
  results.samples('app.edit', 'local', 'one durable edit (jobs.update)', 'app', 'ms', single);

  const burst = await timeRuns((i) => edit(i, 'Burst edit'), { runs: sizes.editBurst, warmup: 0 });
  const total = burst.reduce((a, b) => a + b, 0);
  results.samples('app.edit-burst', 'local', `${sizes.editBurst} edits in a row (jobs.update), per edit`, 'app', 'ms', burst, {
    edits: sizes.editBurst,
    totalMs: Math.round(total),
    editsPerSecond: Math.round((sizes.editBurst * 1000) / total),
  });
}
