/**
 * The app path of joining a team and of a first upload, as a worker sees them:
 * a real core (sync loop, reconcile, events) against a real local primary, with
 * the event loop's longest stall measured throughout (stall-meter.ts).
 *
 * - join: a new laptop's core starts against a primary that holds the seeded
 *   workspace; figure = download finished → first page of jobs through
 *   `jobs.list`, fetched when `data.changed` arrives (as the renderer does).
 * - large pull: another device pushes an edit burst; the joined core pulls and
 *   reconciles it in its own loop.
 * - app upload: a copy of the never-synced seeded workspace connects to an
 *   empty primary; `jobs.get` is timed every 50 ms while it uploads.
 * - search build: the first search of a session builds the in-memory index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { openReplica, PUSH_OPERATIONS_PER_REQUEST } from '../../electron/core/db/replica.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import type { LocalPrimary } from '../../electron/core/primary/local-primary.js';
import { startBenchPrimary } from './bench-primary.js';
import type { JobPage } from '../../shared/domain/jobs.js';
import type { SyncStatus } from '../../shared/domain/sync.js';
import { HybridClock } from '../../shared/hlc.js';
import type { Results } from './results.js';
import { StallMeter } from './stall-meter.js';
import { call, openCore } from './workspace.js';

const WAIT_MS = 600_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function watchStatus(core: Core): { latest: () => SyncStatus; seen: SyncStatus[]; stop: () => void } {
  const seen: SyncStatus[] = [];
  let latest = core.sync.status;
  const stop = core.events.on((event, payload) => {
    if (event !== 'sync.statusChanged') return;
    latest = payload as SyncStatus;
    seen.push(latest);
  });
  return { latest: () => latest, seen, stop };
}

export interface JoinInputs {
  scratchDir: string;
  primary: LocalPrimary;
  /** The seeded replica, already uploaded to the primary. */
  seededReplica: string;
  deviceId: string;
  jobIds: readonly string[];
  editBurst: number;
}

export async function benchJoin(inputs: JoinInputs, results: Results): Promise<void> {
  const dataDir = path.join(inputs.scratchDir, 'joining-laptop');
  const meter = new StallMeter().start();
  const began = performance.now();
  let downloadDoneAt: number | null = null;
  let firstPageAt: number | null = null;
  let rows = 0;
  let loading: Promise<void> | null = null;
  const core = await openCore(dataDir, inputs.primary.url);
  const status = watchStatus(core);
  let wasPulling = false;
  const off = core.events.on((event) => {
    if (event === 'sync.statusChanged') {
      const s = status.latest();
      if (s.state === 'pulling') wasPulling = true;
      else if (wasPulling && downloadDoneAt === null) downloadDoneAt = performance.now();
      // The engine's pull is finished once its download meter is cleared.
      if (s.state === 'pulling' && s.download === null && wasPulling && status.seen.some((x) => x.download !== null)) downloadDoneAt ??= performance.now();
    }
    if (event === 'data.changed' && firstPageAt === null) {
      loading = (async () => {
        const page = await call<JobPage>(core, 'jobs.list', { limit: 200 });
        if (page.items.length > 0 && firstPageAt === null) {
          firstPageAt = performance.now();
          rows = page.items.length;
        }
      })();
    }
  });
  try {
    await until('the joined laptop to show jobs', async () => {
      await loading;
      return firstPageAt !== null;
    });
    await until('the first cycle to finish', () => status.latest().state === 'up_to_date');
    const stall = meter.stop();
    const doneAt = downloadDoneAt ?? firstPageAt!;
    results.samples('sync.join.first-page', 'sync', `new laptop joins ${inputs.jobIds.length} jobs: download finished → first page (app path)`, 'app', 'ms', [Math.max(0, firstPageAt! - doneAt)], {
      downloadMs: Math.round(doneAt - began),
      rows,
      pendingAfterJoin: core.sync.status.pendingChanges,
    });
    results.samples('stall.first-download', 'sync', 'longest event-loop stall, new laptop: start → download → reconcile → up to date', 'app', 'ms', [stall.maxMs], {
      over50: stall.over50,
      longestAtMs: stall.longestAtMs,
      longestCpuMs: stall.longestCpuMs,
      durationMs: stall.durationMs,
    });
    await benchLargePull(core, inputs, results);
  } finally {
    off();
    status.stop();
    if (meter) meter.stop();
    await core.close();
  }
}

/** Another device pushes an edit burst; the joined core pulls and reconciles it on its own. */
async function benchLargePull(core: Core, inputs: JoinInputs, results: Results): Promise<void> {
  const other = await openReplica({
    path: inputs.seededReplica,
    remote: () => ({ url: inputs.primary.url, authToken: null }),
    clientName: 'fieldbook-bench-other',
    pushOperationsThreshold: PUSH_OPERATIONS_PER_REQUEST,
  });
  try {
    await other.pull();
    const edits: EditContext = { clock: new HybridClock(inputs.deviceId), deviceId: inputs.deviceId, actor: () => 'Bench worker', now: () => new Date() };
    const lastId = inputs.jobIds[(inputs.editBurst - 1) % inputs.jobIds.length]!;
    const title = `Large pull ${Date.now()}`;
    await other.db.transaction(async (tx) => {
      for (let i = 0; i < inputs.editBurst; i++) {
        const id = inputs.jobIds[i % inputs.jobIds.length]!;
        await recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'update', values: { title: id === lastId ? title : `Large pull edit ${i}` } });
      }
    });
    await other.push();
    const meter = new StallMeter().start();
    const began = performance.now();
    await until('the joined laptop to pull the burst', async () => (await call<{ title: string }>(core, 'jobs.get', { id: lastId })).title === title);
    const stall = meter.stop();
    results.samples('stall.large-pull', 'sync', `longest event-loop stall while the app pulls and reconciles ${inputs.editBurst} edits`, 'app', 'ms', [stall.maxMs], {
      over50: stall.over50,
      longestAtMs: stall.longestAtMs,
      longestCpuMs: stall.longestCpuMs,
      arrivedAfterMs: Math.round(performance.now() - began),
    });
  } finally {
    await other.close();
  }
}

/** Copies a closed data dir (settings and replica files) so a case can sync it elsewhere. */
function copyDataDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export async function benchUploadApp(seedDataDir: string, scratchDir: string, jobIds: readonly string[], results: Results): Promise<void> {
  const dataDir = path.join(scratchDir, 'upload-app');
  copyDataDir(seedDataDir, dataDir);
  fs.mkdirSync(path.join(scratchDir, 'upload-primary'));
  const primary = await startBenchPrimary({ dbPath: path.join(scratchDir, 'upload-primary', 'primary.db') });
  const meter = new StallMeter().start();
  const began = performance.now();
  let core: Core | null = null;
  try {
    core = await openCore(dataDir, primary.url);
    const opened = core;
    const status = watchStatus(opened);
    const pendingAtStart = opened.sync.status.pendingChanges;
    const gets: number[] = [];
    let i = 0;
    // Timed from when the click would have happened (the timer's due time), so
    // a main process held by the engine shows in the figure as the worker feels it.
    let due = performance.now();
    while (!(status.latest().state === 'up_to_date' && status.latest().pendingChanges === 0)) {
      if (performance.now() - began > WAIT_MS) throw new Error('timed out waiting for the first upload');
      const id = jobIds[(i++ * 7919) % jobIds.length]!;
      const pushing = status.latest().state === 'pushing';
      await call(opened, 'jobs.get', { id });
      if (pushing && status.latest().state === 'pushing') gets.push(performance.now() - due);
      due = performance.now() + 50;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const stall = meter.stop();
    status.stop();
    const uploads = status.seen.map((s) => s.upload).filter((u) => u !== null && u !== undefined);
    const distinct = new Set(uploads.map((u) => u.sentChanges)).size;
    results.samples('sync.upload.app', 'sync', `first upload through the app (${jobIds.length} jobs): start → up to date`, 'app', 'ms', [performance.now() - began], {
      pendingAtStart,
      progressReports: uploads.length,
      distinctProgressValues: distinct,
      lastProgress: uploads.length > 0 ? `${uploads[uploads.length - 1]!.sentChanges}/${uploads[uploads.length - 1]!.totalChanges}` : 'none',
    });
    if (gets.length > 0) results.samples('app.get.during-upload', 'local', 'open one job (jobs.get) while the first upload runs', 'app', 'ms', gets);
    else results.skip('app.get.during-upload', 'local', 'open one job (jobs.get) while the first upload runs', 'app', 'ms', 'the upload finished before a read could be timed');
    results.samples('stall.first-upload', 'sync', 'longest event-loop stall during the first upload (app path)', 'app', 'ms', [stall.maxMs], {
      over50: stall.over50,
      longestAtMs: stall.longestAtMs,
      longestCpuMs: stall.longestCpuMs,
      durationMs: stall.durationMs,
    });
  } finally {
    meter.stop();
    await core?.close();
    await primary.stop('SIGKILL');
  }
}

export async function benchSearchBuild(dataDir: string, term: string, results: Results): Promise<void> {
  const core = await openCore(dataDir);
  try {
    const meter = new StallMeter().start();
    const began = performance.now();
    await call(core, 'jobs.list', { search: term, limit: 50 });
    const ms = performance.now() - began;
    const stall = meter.stop();
    results.samples('stall.search-build', 'local', 'longest event-loop stall during the first search (index build)', 'app', 'ms', [stall.maxMs], {
      buildAndSearchMs: Math.round(ms),
      over50: stall.over50,
      longestAtMs: stall.longestAtMs,
      longestCpuMs: stall.longestCpuMs,
    });
  } finally {
    await core.close();
  }
}
