/** The targets, each read from one figure of a run and judged pass/fail. */
import type { Results, TargetResult } from './results.js';
import { judge } from './stats.js';

interface TargetSpec {
  id: string;
  figure: string;
  target: string;
  limit: number;
  unit: string;
  /** The figure judged, or null when it is missing (case skipped). */
  measure: (results: Results) => number | null;
  note?: string;
}

const stat = (id: string, which: 'median' | 'p95' | 'max') => (results: Results) => results.get(id)?.summary?.[which] ?? null;

export const TARGETS: TargetSpec[] = [
  {
    id: 'get-ratio',
    figure: 'open one job, app path / raw (turso, same file)',
    target: '≤ 2×',
    limit: 2,
    unit: '×',
    measure: (r) => r.ratios.find((x) => x.app === 'app.get' && x.raw === 'turso-raw.get')?.ratio ?? null,
  },
  { id: 'page', figure: 'page of 200 jobs, median', target: '≤ 5 ms', limit: 5, unit: 'ms', measure: stat('app.page.status-due', 'median') },
  { id: 'search', figure: 'search (one match, full scan), median', target: '≤ 30 ms', limit: 30, unit: 'ms', measure: stat('app.search.rare', 'median') },
  {
    id: 'search-deep',
    figure: 'search with many matches that sort last, median',
    target: '≤ 30 ms',
    limit: 30,
    unit: 'ms',
    measure: stat('app.search.deep', 'median'),
  },
  { id: 'edit', figure: 'one durable edit (jobs.update), median', target: '≤ 2 ms', limit: 2, unit: 'ms', measure: stat('app.edit', 'median') },
  {
    id: 'journal',
    figure: 'journal append overhead per durable edit, median',
    target: '≤ 0.3 ms',
    limit: 0.3,
    unit: 'ms',
    measure: stat('app.journal-append', 'median'),
    note: 'append + fsync of one change row to the edit journal; included in "one durable edit" above',
  },
  {
    id: 'as-of',
    figure: 'as it was at: a job with 1,000 edits, median',
    target: '≤ 20 ms',
    limit: 20,
    unit: 'ms',
    measure: stat('app.as-of.job', 'median'),
  },
  { id: 'switch', figure: 'switching workspaces to the first page, median', target: '≤ 300 ms', limit: 300, unit: 'ms', measure: stat('app.switch', 'median') },
  { id: 'startup', figure: 'start-up to first page, median', target: '≤ 500 ms', limit: 500, unit: 'ms', measure: stat('app.startup', 'median') },
  { id: 'rss', figure: 'resident memory holding the workspace, worst run', target: '≤ 250 MB', limit: 250, unit: 'MB', measure: stat('app.rss', 'max') },
  { id: 'push', figure: 'push of the edit burst, median', target: '≤ 3 s', limit: 3000, unit: 'ms', measure: stat('sync.push', 'median') },
  { id: 'pull', figure: 'pull of the edit burst, median', target: '≤ 1 s', limit: 1000, unit: 'ms', measure: stat('sync.pull', 'median') },
  {
    id: 'photo-replica-bytes',
    figure: 'replica bytes per photo (record, change row, thumbnail)',
    target: '≤ 30 KB',
    limit: 30 * 1024,
    unit: 'B',
    measure: stat('photos.replica-bytes', 'median'),
  },
  { id: 'download', figure: 'first download of the workspace, median', target: '≤ 5 s', limit: 5000, unit: 'ms', measure: stat('sync.first-download', 'median') },
  { id: 'bytes-push', figure: 'bytes on the wire per edit, push', target: '≤ 1 KB', limit: 1024, unit: 'B', measure: stat('sync.bytes.push', 'median') },
  { id: 'bytes-pull', figure: 'bytes on the wire per edit, pull', target: '≤ 1 KB', limit: 1024, unit: 'B', measure: stat('sync.bytes.pull', 'median') },
  {
    id: 'bytes-first-upload',
    figure: 'bytes on the wire per job, first upload of a never-synced laptop',
    target: '≤ 1 KB',
    limit: 1024,
    unit: 'B',
    measure: stat('sync.upload.bytes-per-job', 'median'),
  },
  {
    id: 'join',
    figure: 'new laptop: first download finished → first page of jobs (app path)',
    target: '≤ 5 s',
    limit: 5000,
    unit: 'ms',
    measure: stat('sync.join.first-page', 'max'),
  },
  { id: 'csv-export', figure: 'CSV export of the whole job list, median', target: '≤ 5 s', limit: 5000, unit: 'ms', measure: stat('export.csv', 'median') },
  {
    id: 'csv-memory',
    figure: 'memory growth during the CSV export (resident, peak), worst run',
    target: '≤ 100 MB',
    limit: 100,
    unit: 'MB',
    measure: stat('export.csv.rss', 'max'),
    note: 'JS heap growth is reported beside it (export.csv.heap)',
  },
  { id: 'report-photos', figure: 'job report with 20 photos, median', target: '≤ 3 s', limit: 3000, unit: 'ms', measure: stat('export.pdf.photos', 'median') },
  { id: 'get-during-upload', figure: 'open one job during the first upload, worst', target: '≤ 100 ms', limit: 100, unit: 'ms', measure: stat('app.get.during-upload', 'max') },
  ...(
    [
      ['stall-download', 'first download and reconcile (app path)', 'stall.first-download'],
      ['stall-upload', 'first upload (app path)', 'stall.first-upload'],
      ['stall-search', 'search index build', 'stall.search-build'],
      ['stall-pull', 'large pull and reconcile (app path)', 'stall.large-pull'],
      ['stall-export', 'CSV export of the whole job list', 'stall.export-csv'],
      ['stall-report', 'job report with 20 photos', 'stall.export-pdf'],
    ] as const
  ).map(([id, what, figure]) => ({
    id,
    figure: `longest event-loop stall: ${what}`,
    target: '≤ 50 ms',
    limit: 50,
    unit: 'ms',
    measure: stat(figure, 'max'),
    note: 'A single native engine call (pull applying pages, push building a request) holds the loop by itself; see README, Performance.',
  })),
  // New laptop on a generated workspace (--three-year, --jobs/--history): the bounds, for the workspace as generated and compacted.
  ...(['', 'compacted.'] as const).flatMap((prefix): TargetSpec[] => {
    const which = prefix ? ', compacted workspace' : '';
    const tag = prefix ? '-compacted' : '';
    return [
      { id: `laptop-first-page${tag}`, figure: `new laptop: start → first page${which}`, target: '≤ 15 s', limit: 15_000, unit: 'ms', measure: stat(`laptop.${prefix}first-page`, 'max') },
      { id: `laptop-download${tag}`, figure: `new laptop: bytes downloaded${which}`, target: '≤ 250 MB', limit: 250, unit: 'MB', measure: stat(`laptop.${prefix}download`, 'max') },
      {
        id: `laptop-rss${tag}`,
        figure: `new laptop: peak resident memory, worst of main and engine host${which}`,
        target: '≤ 500 MB',
        limit: 500,
        unit: 'MB',
        measure: (r) => {
          const peaks = [stat(`laptop.${prefix}rss.main`, 'max')(r), stat(`laptop.${prefix}rss.engine`, 'max')(r)].filter((x): x is number => x !== null);
          return peaks.length > 0 ? Math.max(...peaks) : null;
        },
      },
      {
        id: `laptop-disk${tag}`,
        figure: `new laptop: replica files (.db and the engine's -wal, -info, -changes, -wal-revert) over the database's size${which}`,
        target: '< 2× (side files not doubling the disk)',
        limit: 1.99,
        unit: '×',
        measure: (r) => {
          const ratio = r.get(`laptop.${prefix}disk`)?.details?.diskOverDb;
          return typeof ratio === 'number' ? ratio : null;
        },
      },
    ];
  }),
  {
    id: 'reconnect',
    figure: 'primary back → first successful push (default timings), median',
    target: '≤ 2 s',
    limit: 2000,
    unit: 'ms',
    measure: stat('sync.reconnect', 'median'),
  },
];

export function judgeTargets(results: Results, specs: readonly TargetSpec[] = TARGETS): TargetResult[] {
  return specs.map((spec) => {
    const measured = spec.measure(results);
    return {
      id: spec.id,
      figure: spec.figure,
      target: spec.target,
      limit: spec.limit,
      measured,
      unit: spec.unit,
      verdict: judge(measured, spec.limit),
      ...(spec.note ? { note: spec.note } : {}),
    };
  });
}
