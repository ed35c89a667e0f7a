/**
 * `npm run bench [-- --quick] [--out FILE] [--keep] [--only PREFIX]`: seeds a workspace, measures the
 * app's paths beside raw engines and a real local primary, and writes the results
 * to bench-results/latest.json (and FILE) plus Markdown tables on stdout.
 * Missed targets are reported, never fatal: the exit code is non-zero only when
 * the benchmark itself breaks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBenchPrimary } from './bench-primary.js';
import { FULL, groupWanted, parseArgs, QUICK } from './config.js';
import { benchAsOf } from './as-of-bench.js';
import { benchCsvExport, benchPhotoReport } from './export-bench.js';
import { benchJournalAppend } from './journal-bench.js';
import { benchJobCount } from './count-bench.js';
import { benchAppEdits, benchAppReads, rareSearchTerm } from './local-app.js';
import { benchEngineHost } from './engine-host-bench.js';
import { benchRawEngines } from './raw-engines.js';
import { reconnectDefault, reconnectTight } from './reconnect.js';
import { machineInfo, renderMarkdown, writeReport, type BenchReport } from './report.js';
import { runAlone } from './alone.js';
import { laptopCasesOnly, runLaptopCases, wantsLaptopCases } from './laptop-cases.js';
import { Results } from './results.js';
import { seedWorkspace } from './seed.js';
import { benchStartup } from './startup.js';
import { benchSwitch } from './switch-bench.js';
import { benchJoin, benchSearchBuild } from './joining.js';
import { benchUploadAppInChild } from './upload-in-child.js';
import { benchSync, benchUpload } from './sync-bench.js';
import { judgeTargets } from './targets.js';
import { timeRuns } from './measure.js';
import { openCore } from './workspace.js';
import { benchPhotos } from './photo-bench.js';

const RAW_ENGINES = ['turso-raw', 'better-sqlite3', 'libsql'] as const;

function step(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The curve and the three-year case stand alone: no seeded workspace (alone.ts).
  if (args.curve || laptopCasesOnly(args)) return runAlone(args, step);
  const sizes = args.jobs === null ? (args.quick ? QUICK : FULL) : { ...(args.quick ? QUICK : FULL), jobs: args.jobs };
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const machine = machineInfo();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-'));
  const results = new Results();
  const notes: string[] = [];
  const wants = (...prefixes: string[]) => groupWanted(args.only, ...prefixes);
  if (args.only) notes.push(`Only the case groups matching "${args.only}" ran; targets of the others show no figure.`);
  if (args.quick) notes.push('Quick mode: small sizes so CI can run every case; the targets are stated for 100,000 jobs and 10,000 edits, so verdicts here mean little.');

  try {
    const dataDir = path.join(scratch, 'data');
    step(`seeding ${sizes.jobs} jobs across ${sizes.sites} sites in ${scratch}`);
    let core = await openCore(dataDir);
    const seedStart = performance.now();
    const seeded = await seedWorkspace(core, { jobs: sizes.jobs, sites: sizes.sites, batch: sizes.seedBatch, history: args.history ?? 1 });
    notes.push(`Seeding ${sizes.jobs} jobs through recordEdit took ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`);
    if (seeded.sitesSkipped) notes.push(`Sites not seeded (${seeded.sitesSkipped}): jobs have no site, and searches do not match site names.`);
    const replicaFile = core.replica.path;
    const deviceId = core.settings.current.deviceId;
    // Every local write makes the sync loop recount unpushed changes; on a never-synced workspace that count spans every row.
    if (wants('app.pending-count')) {
      const pendingCount = await timeRuns(() => core.replica.pendingChanges(), { runs: 5, warmup: 1 });
      results.samples('app.pending-count.unsynced', 'local', 'unpushed-change count the sync loop runs after every write, never-synced workspace', 'app', 'ms', pendingCount, {
        pending: await core.replica.pendingChanges(),
      });
    }
    await core.close();

    // The app-path upload needs the workspace as it was before any upload: keep a copy of it.
    const uploadAppDir = path.join(scratch, 'upload-seed');
    const uploadApp = wants('sync.upload.app', 'app.get.during-upload', 'stall.first-upload');
    if (uploadApp) fs.cpSync(dataDir, uploadAppDir, { recursive: true });
    if (wants('stall.search-build')) {
      step('first search: index build, with the event-loop stall meter');
      await benchSearchBuild(dataDir, rareSearchTerm(1, seeded.jobIds.length), results);
    }

    if (wants('export', 'stall.export')) {
      step(`exports: CSV of ${sizes.jobs} jobs (time, memory, stall), a report with 20 photos`);
      await benchCsvExport(dataDir, results, args.quick ? 2 : 3);
      await benchPhotoReport(dataDir, results, args.quick ? 3 : 5);
    }

    fs.mkdirSync(path.join(scratch, 'primary'));
    const primary = await startBenchPrimary({ dbPath: path.join(scratch, 'primary', 'primary.db') });
    try {
      // Local figures are taken on a synced replica, as a worker's laptop holds it; no primary is configured while they run.
      step('sync: first upload of the seeded workspace');
      await benchUpload(replicaFile, primary, results);

      const reads = wants('app.get', 'app.page', 'app.search');
      const counts = wants('app.count');
      const edits = wants('app.edit');
      if (reads || edits || counts) {
        core = await openCore(dataDir);
        if (reads) {
          step('app path: reads through dispatch');
          await benchAppReads(core, results, sizes, seeded.jobIds);
        }
        if (counts) {
          step('app path: the job list total (jobs.count)');
          await benchJobCount(core, results, sizes, seeded.jobIds.length);
        }
        if (edits) {
          step('app path: edits through dispatch');
          await benchAppEdits(core, results, sizes, seeded.jobIds);
          await benchJournalAppend(core, results, sizes.editRuns);
        }
        await core.close();
      }

      // In-process engine connections keep their file lock in this process after close (0.7.2): they read a copy, so the
      // host processes the app cases start later (start-up children, the joining laptop) can still open the workspace.
      const rawCopyDir = path.join(scratch, 'in-process-copy');
      fs.cpSync(dataDir, rawCopyDir, { recursive: true });
      const copyReplicaFile = path.join(rawCopyDir, path.relative(dataDir, replicaFile));
      // A second, untouched copy for the app path in process: same timestamps, so its start-up sees a clean close (no check child).
      const copyDataDir = path.join(scratch, 'in-process-app');
      fs.cpSync(dataDir, copyDataDir, { recursive: true, preserveTimestamps: true });
      if (wants(...RAW_ENGINES)) {
        step('raw engines: turso on a copy of the file, better-sqlite3 and libsql on copies of its rows');
        await benchRawEngines(copyReplicaFile, scratch, results, sizes, seeded.jobIds);
        for (const raw of RAW_ENGINES) {
          results.addRatio('open one job', 'app.get', `${raw}.get`);
          results.addRatio('page of 200 open jobs by due date', 'app.page.status-due', `${raw}.page.status-due`);
          results.addRatio('search, one match', 'app.search.rare', `${raw}.search.rare`);
          results.addRatio('search, many matches', 'app.search.common', `${raw}.search.common`);
        }
      }

      if (wants('engine-host', 'in-process', 'app-in-process')) {
        step('engine host: the same reads with the engine in this process and through its host process');
        await benchEngineHost({ replicaFile, copyDataDir, copyReplicaFile, jobIds: seeded.jobIds, withSites: !seeded.sitesSkipped }, results, sizes);
        results.addRatio('point read, Db layer: host / in-process', 'engine-host.get', 'in-process.get');
        results.addRatio('page of 200, Db layer: host / in-process', 'engine-host.page.status-due', 'in-process.page.status-due');
        results.addRatio('point read through the host / raw', 'engine-host.get', 'turso-raw.get');
        results.addRatio('page of 200 through the host / raw', 'engine-host.page.status-due', 'turso-raw.page.status-due');
        results.addRatio('open one job, app path with the engine in main', 'app-in-process.get', 'turso-raw.get');
        results.addRatio('page of 200, app path with the engine in main', 'app-in-process.page.status-due', 'turso-raw.page.status-due');
        results.addRatio('page of 200, app path / raw', 'app.page.status-due', 'turso-raw.page.status-due');
      }

      if (wants('app.startup', 'app.rss')) {
        step('start-up and memory in fresh processes');
        await benchStartup(dataDir, results, sizes, rareSearchTerm(1, seeded.jobIds.length));
      }

      if (wants('app.switch')) {
        step('switching workspaces to the first page');
        await benchSwitch(dataDir, scratch, results, sizes.startupRuns + 3, sizes.jobs);
      }

      if (wants('sync.join', 'stall.first-download', 'stall.large-pull')) {
        step('sync: a new laptop joins through the app, then pulls a large burst');
        await benchJoin({ scratchDir: scratch, primary, seededReplica: replicaFile, deviceId, jobIds: seeded.jobIds, editBurst: sizes.editBurst }, results);
      }

      if (wants('sync.first-download', 'sync.push', 'sync.pull', 'sync.bytes', 'engine.edit')) {
        step('sync: first download, push and pull of edit bursts');
        await benchSync({ replicaFile, scratchDir: scratch, primary, deviceId, jobIds: seeded.jobIds, rounds: sizes.syncRounds }, results, sizes);
      }
    } finally {
      await primary.stop('SIGKILL');
    }

    if (uploadApp) {
      step('sync: first upload through the app, jobs opened meanwhile');
      await benchUploadAppInChild(uploadAppDir, scratch, results);
    }

    // Last: it adds a job with a long history to the workspace, which the cases above must not see.
    if (wants('app.as-of', 'app.activity')) {
      step('app path: as it was at a moment, activity feed');
      core = await openCore(dataDir);
      await benchAsOf(core, results, sizes);
      await core.close();
    }

    if (wants('sync.reconnect')) {
      step('primary back → first push');
      await reconnectDefault(scratch, results, sizes.reconnectRuns);
      await reconnectTight(scratch, results, sizes.reconnectRuns);
    }

    if (wants('photos')) {
      step('photos: 12-megapixel capture, upload throughput and memory, replica bytes per photo');
      await benchPhotos(scratch, results, args.quick);
    }

    if (wantsLaptopCases(args)) {
      step('new laptop → first page on a generated workspace of the same size');
      await runLaptopCases(args, sizes.jobs, { scratchDir: scratch, results, notes, log: step });
    }
  } finally {
    if (args.keep) step(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }

  const report: BenchReport = {
    schema: 1,
    mode: args.quick ? 'quick' : 'full',
    startedAt,
    durationMs: Math.round(performance.now() - began),
    machine,
    sizes,
    notes,
    cases: results.cases,
    ratios: results.ratios,
    targets: judgeTargets(results),
  };
  writeReport(report, renderMarkdown(report), 'latest.json', args.out);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
