/**
 * Time from the primary coming back to the first successful push, through the
 * app's own SyncService: the primary is killed, a job is created offline, the
 * loop backs off for a while, then the primary restarts on the same port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/app-core.js';
import type { LocalPrimary } from '../../electron/core/primary/local-primary.js';
import { startBenchPrimary } from './bench-primary.js';
import { DEFAULT_TIMINGS, type SyncTimings } from '../../electron/core/sync/sync-service.js';
import type { Results } from './results.js';
import { call, openCore } from './workspace.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Only what the bench sets; the service fills the rest from its defaults. */
type BenchTimings = Partial<SyncTimings> & Pick<SyncTimings, 'offline'>;

export const TIGHT_TIMINGS: BenchTimings = { pollMs: 300, debounceMs: 50, offline: { baseMs: 200, maxMs: 500 }, failing: { baseMs: 200, maxMs: 500 } };

export async function benchReconnect(scratchDir: string, results: Results, options: { id: string; label: string; runs: number; timings: BenchTimings }): Promise<void> {
  const dir = path.join(scratchDir, options.id);
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'primary.db');
  let primary: LocalPrimary = await startBenchPrimary({ dbPath });
  let core: Core | null = null;
  try {
    core = await openCore(path.join(dir, 'data'), primary.url, options.timings);
    const sync = core.sync;
    await until('first sync', () => sync.status.state === 'up_to_date', 30_000);
    const samples: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      await primary.stop('SIGKILL');
      await call(core, 'jobs.create', { title: `Written offline ${run}` });
      await until('offline status', () => sync.status.state === 'offline', 30_000);
      // Offline for a while, so the retry schedule is at its ceiling and the primary returns at a random phase of it.
      await sleep(options.timings.offline.maxMs * (1 + Math.random()));
      const lastPush = sync.status.lastPushAt;
      primary = await startBenchPrimary({ dbPath, port: primary.port });
      const back = performance.now();
      await until('first push after the primary returned', () => sync.status.lastPushAt !== lastPush, 60_000);
      samples.push(performance.now() - back);
    }
    results.samples(options.id, 'sync', options.label, 'app', 'ms', samples);
  } finally {
    await core?.close();
    await primary.stop('SIGKILL');
  }
}

export const reconnectDefault = (scratchDir: string, results: Results, runs: number) =>
  benchReconnect(scratchDir, results, { id: 'sync.reconnect', label: 'primary back → first successful push (default retry timings)', runs, timings: DEFAULT_TIMINGS });

export const reconnectTight = (scratchDir: string, results: Results, runs: number) =>
  benchReconnect(scratchDir, results, { id: 'sync.reconnect.tight', label: 'primary back → first successful push (tight test timings, 200–500 ms)', runs, timings: TIGHT_TIMINGS });
