/**
 * Runs in a fresh process: a new laptop joins a team through the app's own
 * path (a new data dir, `startCore` with the primary's URL, local-first open,
 * the sync loop's first download, reconcile), and reports as one JSON line:
 *
 * - start → first page of jobs (`jobs.list`, asked on each `data.changed` as the
 *   renderer does, and polled in case the event came before it had rows);
 * - bytes on the wire (every sync request's body and response, counted by
 *   wrapping the global `fetch` the engine's requests go through in main);
 * - peak resident memory (VmHWM) of this process and of the engine's host
 *   child (the engine runs there, electron/core/engine-host/);
 * - the replica's files once the first cycle is up to date, and after close;
 * - then, on the joined replica: a page of 200, a job's history, the first
 *   search (which builds the search index).
 *
 * Usage: node --import tsx scripts/bench/new-laptop-child.ts <dataDir> <primaryUrl> <jobId> <searchTerm>
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { JobPage } from '../../shared/domain/jobs.js';
import { REPLICA_FILE_SUFFIXES } from '../../electron/core/db/replica.js';
import { STATUS_PAGE_INPUT } from './local-app.js';
import { timeRuns } from './measure.js';
import { totalCpuMs } from './process-cpu.js';
import { childProcessIds, commandLine, peakResidentMB } from './process-memory.js';
import { call, openCore } from './workspace.js';

export interface NewLaptopReport {
  firstPageMs: number;
  upToDateMs: number;
  rows: number;
  bytesReceived: number;
  bytesSent: number;
  requests: number;
  mainPeakMB: number;
  enginePeakMB: number | null;
  /** Replica file sizes (suffix → bytes) once the first cycle was up to date. */
  filesUpToDate: Record<string, number>;
  /** The same after the app closed the workspace. */
  filesClosed: Record<string, number>;
  pageMs: number[];
  historyMs: number[];
  historyEntries: number;
  firstSearchMs: number;
  /** CPU the first search used in main and the engine host together (null without /proc). */
  firstSearchCpuMs: number | null;
  pendingAfterJoin: number;
}

const WAIT_MS = 900_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replicaFiles(replicaPath: string): Record<string, number> {
  return Object.fromEntries(
    REPLICA_FILE_SUFFIXES.map((suffix) => [suffix || '.db', fs.existsSync(`${replicaPath}${suffix}`) ? fs.statSync(`${replicaPath}${suffix}`).size : 0]),
  );
}

/**
 * Counts every request and response body the engine's sync requests carry.
 * With BENCH_WIRE_LOG=<file>, one JSON line per request (path, bytes each way)
 * is appended there once its response has been read.
 */
function countWire(): { sent: () => number; received: () => number; requests: () => number } {
  const inner = globalThis.fetch;
  const logFile = process.env.BENCH_WIRE_LOG;
  let sent = 0;
  let received = 0;
  let requests = 0;
  globalThis.fetch = async (input, init) => {
    requests += 1;
    const body = init?.body;
    let requestBytes = 0;
    if (typeof body === 'string') requestBytes = Buffer.byteLength(body);
    else if (body instanceof Uint8Array || body instanceof ArrayBuffer) requestBytes = body.byteLength;
    sent += requestBytes;
    const at = performance.now();
    const response = await inner(input, init);
    if (!response.body) return response;
    let responseBytes = 0;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        responseBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ path: new URL(url).pathname, sent: requestBytes, received: responseBytes, status: response.status, atMs: Math.round(at) })}\n`);
      },
    });
    return new Response(response.body.pipeThrough(counting), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { sent: () => sent, received: () => received, requests: () => requests };
}

async function main(): Promise<void> {
  const [dataDir, primaryUrl, jobId, searchTerm] = process.argv.slice(2);
  if (!dataDir || !primaryUrl || !jobId || !searchTerm) throw new Error('usage: new-laptop-child.ts <dataDir> <primaryUrl> <jobId> <searchTerm>');
  const wire = countWire();
  const began = performance.now();
  const core = await openCore(dataDir, primaryUrl);
  let firstPageAt: number | null = null;
  let rows = 0;
  let asking = false;
  const ask = async () => {
    if (asking || firstPageAt !== null) return;
    asking = true;
    try {
      const page = await call<JobPage>(core, 'jobs.list', { limit: 200 });
      if (page.items.length > 0 && firstPageAt === null) {
        firstPageAt = performance.now();
        rows = page.items.length;
      }
    } finally {
      asking = false;
    }
  };
  const off = core.events.on((event) => {
    if (event === 'data.changed') void ask();
  });
  try {
    const deadline = Date.now() + WAIT_MS;
    while (firstPageAt === null) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the first page of jobs');
      await sleep(100);
      await ask();
    }
    while (core.sync.status.state !== 'up_to_date') {
      if (Date.now() > deadline) throw new Error(`timed out waiting for the first sync cycle (state ${core.sync.status.state}, ${core.sync.status.lastError ?? 'no error'})`);
      await sleep(100);
    }
    const upToDateAt = performance.now();
    const filesUpToDate = replicaFiles(core.replica.path);
    const pendingAfterJoin = core.sync.status.pendingChanges;

    const pageMs = await timeRuns(() => call(core, 'jobs.list', STATUS_PAGE_INPUT), { runs: 10, warmup: 1 });
    let historyEntries = 0;
    const historyMs = await timeRuns(
      async () => {
        historyEntries = (await call<unknown[]>(core, 'history.list', { entity: 'job', entityId: jobId })).length;
      },
      { runs: 10, warmup: 1 },
    );
    // The engine host is a forked child of this process; its peak and CPU are read while it still runs.
    const hostPids = childProcessIds(process.pid).filter((pid) => commandLine(pid).includes('engine-host'));
    const cpuBefore = totalCpuMs([process.pid, ...hostPids]);
    const searchStart = performance.now();
    await call(core, 'jobs.list', { search: searchTerm, limit: 50 });
    const firstSearchMs = performance.now() - searchStart;
    const cpuAfter = totalCpuMs([process.pid, ...hostPids]);

    const mainPeakMB = peakResidentMB(process.pid) ?? process.resourceUsage().maxRSS / 1024;
    const enginePeaks = hostPids.map((pid) => peakResidentMB(pid)).filter((x): x is number => x !== null);
    const replicaPath = core.replica.path;
    off();
    await core.close();
    const report: NewLaptopReport = {
      firstPageMs: firstPageAt - began,
      upToDateMs: upToDateAt - began,
      rows,
      bytesReceived: wire.received(),
      bytesSent: wire.sent(),
      requests: wire.requests(),
      mainPeakMB,
      enginePeakMB: enginePeaks.length > 0 ? Math.max(...enginePeaks) : null,
      filesUpToDate,
      filesClosed: replicaFiles(replicaPath),
      pageMs,
      historyMs,
      historyEntries,
      firstSearchMs,
      firstSearchCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      pendingAfterJoin,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } catch (error) {
    off();
    await core.close().catch(() => undefined);
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
