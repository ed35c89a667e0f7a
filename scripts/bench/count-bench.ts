/**
 * The job list's total ("12,345 jobs"): `jobs.count` is its own call, so the
 * page query never waits for it. Measured uncached (the first count after any
 * write or pull, straight through the same SQL the handler runs) and cached
 * (through dispatch, as the list asks again while scrolling and coming back).
 */
import type { Core } from '../../electron/core/app-core.js';
import { countJobs } from '../../electron/core/features/jobs/job-count.js';
import type { BenchSizes } from './config.js';
import { timeRuns } from './measure.js';
import type { Results } from './results.js';
import { call, probeHandler } from './workspace.js';

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`wrong answer: ${message}`);
}

export async function benchJobCount(core: Core, results: Results, sizes: BenchSizes, jobs: number): Promise<void> {
  const probe = await probeHandler(core, 'jobs.count', {});
  if (!probe.ok) {
    results.skip('app.count', 'local', 'count of all live jobs (jobs.count)', 'app', 'ms', probe.reason);
    return;
  }
  const runs = Math.min(sizes.pageRuns, 50);
  const all = await timeRuns(async () => {
    const total = await countJobs(core.replica.db, {}, null);
    check(total === jobs, `count of all jobs is ${total}, expected ${jobs}`);
  }, { runs });
  results.samples('app.count.all', 'local', 'count of all live jobs, uncached (first count after a change)', 'app', 'ms', all, { total: jobs });
  let open = 0;
  const status = await timeRuns(async () => {
    open = await countJobs(core.replica.db, { status: ['open'] }, null);
    check(open > 0 && open < jobs, `count of open jobs is ${open}`);
  }, { runs });
  results.samples('app.count.status', 'local', 'count of open jobs, uncached', 'app', 'ms', status, { total: open });
  const cached = await timeRuns(async () => {
    const { total } = await call<{ total: number }>(core, 'jobs.count', { status: ['open'], sort: 'due' });
    check(total === open, `cached count of open jobs is ${total}, expected ${open}`);
  }, { runs: sizes.pageRuns });
  results.samples('app.count.cached', 'local', 'count of open jobs again (jobs.count, cached until data changes)', 'app', 'ms', cached);
}
