/** Start-up and memory, each measured in a fresh child process so seeding does not pollute them. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchSizes } from './config.js';
import type { Results } from './results.js';
import type { StartupReport } from './startup-child.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./startup-child.ts', import.meta.url));

export async function openInChild(dataDir: string, searchTerm: string): Promise<StartupReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, dataDir, searchTerm], { maxBuffer: 1 << 20, timeout: 120_000 });
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as StartupReport;
  } catch {
    throw new Error(`start-up child printed no report: ${stdout.slice(0, 500)}`);
  }
}

export async function benchStartup(dataDir: string, results: Results, sizes: BenchSizes, searchTerm: string): Promise<void> {
  const reports: StartupReport[] = [];
  for (let i = 0; i < sizes.startupRuns; i++) reports.push(await openInChild(dataDir, searchTerm));
  const firstPage = reports[0]!.firstPage;
  const label = `open workspace + migrations check → first page (${firstPage === 'status-due' ? 'open jobs by due date' : 'newest jobs'})`;
  results.samples('app.startup', 'startup', label, 'app', 'ms', reports.map((r) => r.totalMs), { rows: reports[0]!.rows });
  results.samples('app.startup.open', 'startup', 'startCore only (settings, replica, migrations, sync service)', 'app', 'ms', reports.map((r) => r.openMs));
  results.samples('app.startup.first-page', 'startup', 'first page after open', 'app', 'ms', reports.map((r) => r.firstPageMs));
  results.samples('app.rss.baseline', 'memory', 'resident memory before opening (Node + tsx)', 'app', 'MB', reports.map((r) => r.rssBeforeMB));
  results.samples('app.rss', 'memory', 'resident memory holding the workspace (after a search and 10 pages)', 'app', 'MB', reports.map((r) => Math.max(r.rssAfterFirstPageMB, r.rssAfterWorkMB)));
}
