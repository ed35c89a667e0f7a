/**
 * Runs in a fresh process: opens an existing workspace exactly as the app does
 * (settings, replica, migration check, sync service), asks for the first page,
 * then reports timings and resident memory as one JSON line on stdout.
 * Usage: node --import tsx scripts/bench/startup-child.ts <dataDir> <searchTerm>
 */
import { performance } from 'node:perf_hooks';
import { NEWEST_PAGE_INPUT, STATUS_PAGE_INPUT } from './local-app.js';
import { openCore } from './workspace.js';

export interface StartupReport {
  openMs: number;
  firstPageMs: number;
  totalMs: number;
  firstPage: 'status-due' | 'newest';
  rows: number;
  rssBeforeMB: number;
  rssAfterFirstPageMB: number;
  rssAfterWorkMB: number;
}

const mb = () => process.memoryUsage().rss / (1024 * 1024);

async function main(): Promise<void> {
  const [dataDir, searchTerm] = process.argv.slice(2);
  if (!dataDir || !searchTerm) throw new Error('usage: startup-child.ts <dataDir> <searchTerm>');
  const rssBeforeMB = mb();
  const start = performance.now();
  const core = await openCore(dataDir);
  const opened = performance.now();
  let firstPage: StartupReport['firstPage'] = 'status-due';
  let page = await core.dispatch('jobs.list', STATUS_PAGE_INPUT);
  if (!page.ok) {
    // Before the filtered list exists, the first screen is the newest jobs.
    firstPage = 'newest';
    page = await core.dispatch('jobs.list', NEWEST_PAGE_INPUT);
  }
  const ready = performance.now();
  if (!page.ok) throw new Error(`first page failed: ${page.error.message}`);
  const rssAfterFirstPageMB = mb();

  // A working session: a search over everything and a few more pages.
  await core.dispatch('jobs.list', { search: searchTerm, limit: 200 });
  let cursor: string | null = (page.value as { nextCursor: string | null }).nextCursor;
  for (let i = 0; i < 10 && cursor; i++) {
    const next = await core.dispatch('jobs.list', { ...NEWEST_PAGE_INPUT, cursor });
    cursor = next.ok ? (next.value as { nextCursor: string | null }).nextCursor : null;
  }
  const rssAfterWorkMB = mb();
  await core.close();

  const report: StartupReport = {
    openMs: opened - start,
    firstPageMs: ready - opened,
    totalMs: ready - start,
    firstPage,
    rows: (page.value as { items: unknown[] }).items.length,
    rssBeforeMB,
    rssAfterFirstPageMB,
    rssAfterWorkMB,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
