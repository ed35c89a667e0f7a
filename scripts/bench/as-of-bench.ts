/**
 * Point in time through dispatch: "as it was at" of one job with 1,000 edits
 * (fields, status changes with their timeline entries, checklist answers),
 * and the activity feed's first page over the whole seeded log — unfiltered,
 * and filtered to a kind whose edits are all among the oldest (the worst case
 * for a newest-first walk of the stamp index).
 */
import type { Core } from '../../electron/core/app-core.js';
import type { ActivityPage } from '../../shared/domain/activity.js';
import type { AsOfJob } from '../../shared/domain/as-of.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job, JobStatus } from '../../shared/domain/jobs.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import type { BenchSizes } from './config.js';
import { timeRuns } from './measure.js';
import type { Results } from './results.js';
import { call } from './workspace.js';

export const AS_OF_EDITS = 1000;
const STATUSES: JobStatus[] = ['in_progress', 'blocked', 'in_progress', 'open'];

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`wrong answer: ${message}`);
}

/** One job edited AS_OF_EDITS times; returns it and a moment halfway through. */
async function jobWithHistory(core: Core): Promise<{ job: Job; halfway: string }> {
  const template = await call<ChecklistTemplate>(core, 'templates.create', { name: 'Bench checklist', items: Array.from({ length: 10 }, (_, i) => `Item ${i + 1}`) });
  const job = await call<Job>(core, 'jobs.create', { title: 'As-of bench job' });
  const inspection = await call<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
  let halfway = '';
  for (let i = 0; i < AS_OF_EDITS; i++) {
    if (i === AS_OF_EDITS / 2) {
      await new Promise((r) => setTimeout(r, 5));
      halfway = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
    }
    if (i % 5 === 0) await call(core, 'jobs.setStatus', { id: job.id, status: STATUSES[(i / 5) % STATUSES.length] });
    else if (i % 5 === 1) {
      const item = inspection.items[i % inspection.items.length]!;
      await call(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: item.id, result: i % 2 ? 'pass' : 'fail', comment: `c${i}` });
    } else await call(core, 'jobs.update', { id: job.id, title: `As-of bench job ${i}`, description: `edit ${i}` });
  }
  return { job, halfway };
}

export async function benchAsOf(core: Core, results: Results, sizes: BenchSizes): Promise<void> {
  const { job, halfway } = await jobWithHistory(core);
  const edits = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [job.id]);
  const runs = Math.max(20, Math.min(200, sizes.pageRuns));
  for (const [id, label, at] of [
    ['app.as-of.job', `as it was at: one job with ${AS_OF_EDITS} edits, a moment halfway`, halfway],
    ['app.as-of.job-now', `as it was at: one job with ${AS_OF_EDITS} edits, now (every edit counts)`, null],
  ] as const) {
    let view: AsOfJob | null = null;
    const samples = await timeRuns(async () => {
      view = await call<AsOfJob>(core, 'asOf.job', { id: job.id, at: at ?? new Date().toISOString() });
    }, { runs });
    const shown = view as AsOfJob | null;
    check(shown?.job !== null && shown?.inspection?.items.length === 10, 'as-of view lacks the job or its checklist');
    results.samples(id, 'local', label, 'app', 'ms', samples, {
      jobEdits: Number(edits?.n ?? 0),
      notes: shown?.notes.length ?? 0,
      editsSince: shown?.editsSince ?? 0,
    });
  }

  const log = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
  const firstPage = async (input: Record<string, unknown>) => {
    const page = await call<ActivityPage>(core, 'activity.list', { limit: 50, ...input });
    check(page.items.length > 0, 'activity page is empty');
    return page;
  };
  for (const [id, label, input] of [
    ['app.activity.first-page', 'activity feed: first page of 50, whole workspace', {}],
    ['app.activity.sites', 'activity feed: first page of 50, sites only (their edits are the oldest)', { kinds: ['site'] }],
  ] as const) {
    const samples = await timeRuns(() => firstPage(input), { runs });
    results.samples(id, 'local', label, 'app', 'ms', samples, { changes: Number(log?.n ?? 0) });
  }
  // Page 20 costs what page 1 does (keyset on the stamp index).
  let cursor: string | null = null;
  for (let i = 0; i < 19; i++) cursor = (await firstPage({ cursor })).nextCursor;
  const deep = cursor;
  if (deep) {
    const samples = await timeRuns(() => firstPage({ cursor: deep }), { runs });
    results.samples('app.activity.page-20', 'local', 'activity feed: page 20 of 50 through the cursor', 'app', 'ms', samples, { changes: Number(log?.n ?? 0) });
  }
}
