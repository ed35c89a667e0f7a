/**
 * "New laptop → first page" on a generated workspace (history-gen.ts): the
 * primary's file is written directly with N jobs × K changes, served by a real
 * `tursodb --sync-server`, and a fresh child process joins it through the app
 * (new-laptop-child.ts). One run per shape: a join of a large workspace takes
 * tens of seconds and its figures are far above run-to-run noise.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startBenchPrimary } from './bench-primary.js';
import { defaultShape, generatePrimary, type FoldStep, type GeneratedPrimary, type HistoryShape } from './history-gen.js';
import { rareSearchTerm } from './local-app.js';
import type { NewLaptopReport } from './new-laptop-child.js';
import type { Results } from './results.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./new-laptop-child.ts', import.meta.url));
const MB = 1024 * 1024;

export interface NewLaptopRun {
  shape: HistoryShape;
  generated: GeneratedPrimary;
  report: NewLaptopReport;
}

export async function joinInChild(dataDir: string, primaryUrl: string, jobId: string, searchTerm: string): Promise<NewLaptopReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, dataDir, primaryUrl, jobId, searchTerm], {
    maxBuffer: 1 << 20,
    timeout: 1_200_000,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as NewLaptopReport;
  } catch {
    throw new Error(`new-laptop child printed no report: ${stdout.slice(0, 500)}`);
  }
}

export interface NewLaptopOptions {
  scratchDir: string;
  jobs: number;
  history: number;
  /** Fold history older than the retention window after every generated month (history compaction). */
  fold?: { step: FoldStep; retentionDays: number } | null;
  log?: (message: string) => void;
  /** Delete the primary and the laptop once measured (large sizes fill the disk). */
  cleanUp?: boolean;
}

/** Generates the workspace, serves it, joins it in a child; returns the raw figures. */
export async function measureNewLaptop(options: NewLaptopOptions): Promise<NewLaptopRun> {
  const tag = `${options.jobs}x${options.history}${options.fold ? '-compacted' : ''}`;
  const dir = path.join(options.scratchDir, `new-laptop-${tag}`);
  fs.mkdirSync(dir, { recursive: true });
  const shape = defaultShape(options.jobs, options.history);
  options.log?.(`generating a primary: ${options.jobs} jobs × ${options.history} changes${options.fold ? `, folded to ${options.fold.retentionDays} days each month` : ''}`);
  const generated = await generatePrimary(path.join(dir, 'primary.db'), shape, {
    fold: options.fold ?? null,
    onMonth: (month, months) => month % 6 === 0 && month < months && options.log?.(`  month ${month} of ${months} written`),
  });
  options.log?.(`generated ${(generated.fileBytes / MB).toFixed(1)} MB, ${generated.changesLeft} change rows in ${(generated.generateMs / 1000).toFixed(1)} s; a new laptop joins`);
  const primary = await startBenchPrimary({ dbPath: generated.file, timeoutMs: 120_000 });
  try {
    const report = await joinInChild(path.join(dir, 'laptop'), primary.url, generated.sampleJobIds[0]!, rareSearchTerm(1, options.jobs));
    return { shape, generated, report };
  } finally {
    await primary.stop('SIGKILL');
    if (options.cleanUp) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sum = (files: Record<string, number>, keys: string[]) => keys.reduce((n, k) => n + (files[k] ?? 0), 0);
export const SIDE_FILES = ['-wal', '-info', '-changes', '-wal-revert'];

/**
 * The replica's files over the database's own size (pages × page size, as the
 * primary holds it): 2 means the engine's side files double the disk use.
 * Not over the `.db` file alone: right after a pull the pages may still sit in
 * the `-wal` (a `.db` of a few KB).
 */
export function diskOverDatabase(files: Record<string, number>, databaseBytes: number): number {
  return databaseBytes > 0 ? sum(files, ['.db', ...SIDE_FILES]) / databaseBytes : 0;
}

/** Records one run's figures under `laptop.<prefix>…` case ids. */
export function recordNewLaptop(results: Results, measured: NewLaptopRun, prefix = ''): void {
  const { generated, report } = measured;
  const what = `${generated.jobs} jobs, ${generated.changesWritten} changes${generated.changesLeft < generated.changesWritten ? ` (${generated.changesLeft} left after folding)` : ''}`;
  const id = (name: string) => `laptop.${prefix}${name}`;
  results.samples(id('first-page'), 'sync', `new laptop: start → first page (${what})`, 'app', 'ms', [report.firstPageMs], {
    upToDateMs: Math.round(report.upToDateMs),
    rows: report.rows,
    pendingAfterJoin: report.pendingAfterJoin,
  });
  results.samples(id('download'), 'sync', `new laptop: bytes downloaded (${what})`, 'app', 'MB', [report.bytesReceived / MB], {
    primaryDbMB: Math.round(generated.fileBytes / MB),
    sentMB: Math.round(report.bytesSent / MB),
    requests: report.requests,
  });
  results.samples(id('rss.main'), 'memory', `new laptop: peak resident memory, main process (${what})`, 'app', 'MB', [report.mainPeakMB]);
  if (report.enginePeakMB !== null) {
    results.samples(id('rss.engine'), 'memory', `new laptop: peak resident memory, engine host process (${what})`, 'app', 'MB', [report.enginePeakMB]);
  } else results.skip(id('rss.engine'), 'memory', `new laptop: peak resident memory, engine host process`, 'app', 'MB', 'engine host not found (/proc unavailable?)');
  const files = report.filesUpToDate;
  const sizes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `${(v / MB).toFixed(1)}MB`]));
  results.samples(id('disk'), 'sync', `new laptop: replica files once up to date (${what})`, 'app', 'MB', [sum(files, ['.db', ...SIDE_FILES]) / MB], {
    ...sizes,
    diskOverDb: Number(diskOverDatabase(files, generated.fileBytes).toFixed(2)),
    afterCloseMB: Number((sum(report.filesClosed, ['.db', ...SIDE_FILES]) / MB).toFixed(1)),
  });
  results.samples(id('page'), 'local', `joined laptop: page of 200 open jobs by due date (${what})`, 'app', 'ms', report.pageMs);
  results.samples(id('history'), 'local', `joined laptop: a job's history (history.list, ${report.historyEntries} entries)`, 'app', 'ms', report.historyMs);
  results.samples(id('first-search'), 'local', `joined laptop: first search (builds the index, ${generated.jobs} jobs)`, 'app', 'ms', [report.firstSearchMs], {
    ...(report.firstSearchCpuMs === null ? {} : { cpuMs: Math.round(report.firstSearchCpuMs) }),
  });
}
