/**
 * `npm run bench -- --curve [--quick] [--compacted]`: how each figure grows.
 * Two axes, each point a generated workspace (history-gen.ts) that a new
 * laptop joins in a fresh process (new-laptop-child.ts):
 *
 * - jobs, one change each (K = 1): 10k → 200k;
 * - changes per job at a fixed job count: K = 1 → 50.
 *
 * The full point set is chosen to finish in about 15 minutes on an idle 2-core
 * machine: four points per axis, fewer at the large end (each large point is a
 * whole new laptop's download). `--quick` uses tiny sizes (a couple of minutes).
 */
import type { FoldStep } from './history-gen.js';
import { measureNewLaptop, diskOverDatabase, SIDE_FILES, type NewLaptopRun } from './new-laptop-bench.js';
import { median } from './stats.js';

export interface CurvePoint {
  axis: 'jobs' | 'history';
  jobs: number;
  history: number;
}

export const FULL_CURVE: CurvePoint[] = [
  ...[10_000, 50_000, 100_000, 200_000].map((jobs) => ({ axis: 'jobs' as const, jobs, history: 1 })),
  ...[5, 20, 50].map((history) => ({ axis: 'history' as const, jobs: 10_000, history })),
];

export const QUICK_CURVE: CurvePoint[] = [
  ...[250, 500, 1_000].map((jobs) => ({ axis: 'jobs' as const, jobs, history: 1 })),
  ...[3, 10].map((history) => ({ axis: 'history' as const, jobs: 250, history })),
];

/** One row of the curve: every figure a number (MB, ms, bytes), so growth can be read and checked. */
export interface CurveRow {
  axis: CurvePoint['axis'];
  jobs: number;
  history: number;
  changes: number;
  changesLeft: number;
  primaryMB: number;
  downloadMB: number;
  firstPageMs: number;
  upToDateMs: number;
  mainPeakMB: number;
  enginePeakMB: number | null;
  replicaDiskMB: number;
  changesFileMB: number;
  diskOverDb: number;
  pageMs: number;
  historyMs: number;
  historyEntries: number;
  firstSearchMs: number;
  /** CPU the first search used (main and engine host): unlike its wall time, not inflated by the machine's load. */
  firstSearchCpuMs: number | null;
}

const MB = 1024 * 1024;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

export function curveRow(point: CurvePoint, measured: NewLaptopRun): CurveRow {
  const { generated, report } = measured;
  const files = report.filesUpToDate;
  return {
    axis: point.axis,
    jobs: point.jobs,
    history: point.history,
    changes: generated.changesWritten,
    changesLeft: generated.changesLeft,
    primaryMB: round(generated.fileBytes / MB),
    downloadMB: round(report.bytesReceived / MB),
    firstPageMs: Math.round(report.firstPageMs),
    upToDateMs: Math.round(report.upToDateMs),
    mainPeakMB: Math.round(report.mainPeakMB),
    enginePeakMB: report.enginePeakMB === null ? null : Math.round(report.enginePeakMB),
    replicaDiskMB: round(((files['.db'] ?? 0) + SIDE_FILES.reduce((n, k) => n + (files[k] ?? 0), 0)) / MB),
    changesFileMB: round((files['-changes'] ?? 0) / MB),
    diskOverDb: round(diskOverDatabase(files, generated.fileBytes), 2),
    pageMs: round(median(report.pageMs), 2),
    historyMs: round(median(report.historyMs), 2),
    historyEntries: report.historyEntries,
    firstSearchMs: Math.round(report.firstSearchMs),
    firstSearchCpuMs: report.firstSearchCpuMs === null ? null : Math.round(report.firstSearchCpuMs),
  };
}

export async function measureCurve(
  points: readonly CurvePoint[],
  options: { scratchDir: string; fold?: { step: FoldStep; retentionDays: number } | null; log?: (message: string) => void },
): Promise<CurveRow[]> {
  const rows: CurveRow[] = [];
  for (const point of points) {
    const measured = await measureNewLaptop({ scratchDir: options.scratchDir, jobs: point.jobs, history: point.history, fold: options.fold ?? null, log: options.log, cleanUp: true });
    rows.push(curveRow(point, measured));
  }
  return rows;
}

const COLUMNS: [keyof CurveRow, string][] = [
  ['jobs', 'jobs'],
  ['history', 'changes/job'],
  ['changes', 'changes'],
  ['changesLeft', 'change rows left'],
  ['primaryMB', 'db size (MB)'],
  ['downloadMB', 'download (MB)'],
  ['firstPageMs', 'new laptop → first page (ms)'],
  ['mainPeakMB', 'peak RSS main (MB)'],
  ['enginePeakMB', 'peak RSS engine (MB)'],
  ['replicaDiskMB', 'replica on disk (MB)'],
  ['changesFileMB', '-changes (MB)'],
  ['diskOverDb', 'disk / db'],
  ['pageMs', 'page of 200 (ms)'],
  ['historyMs', "a job's history (ms)"],
  ['firstSearchMs', 'first search (ms)'],
  ['firstSearchCpuMs', 'its CPU, main + engine (ms)'],
];

export function renderCurve(rows: readonly CurveRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const section = (axis: CurvePoint['axis'], title: string) => {
    const these = rows.filter((r) => r.axis === axis || (axis === 'history' && r.axis === 'jobs' && r.history === 1 && r.jobs === rows.find((x) => x.axis === 'history')?.jobs));
    const ordered = axis === 'history' ? [...these].sort((a, b) => a.history - b.history) : these;
    return [
      `**${title}**`,
      '',
      line(COLUMNS.map(([, label]) => label)),
      line(COLUMNS.map(() => '---')),
      ...ordered.map((r) => line(COLUMNS.map(([key]) => String(r[key] ?? '—')))),
    ].join('\n');
  };
  return `${section('jobs', 'Jobs, one change each')}\n\n${section('history', 'Changes per job, fixed job count')}\n`;
}
