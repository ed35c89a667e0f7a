/**
 * Sync against a real `tursodb --sync-server` on loopback: first upload, first
 * download into a new replica, push of a burst of edits and pull of them into
 * a second replica, with the bytes on the wire counted by wrapping `fetch`.
 */
import path from 'node:path';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { openReplica, PUSH_OPERATIONS_PER_REQUEST, type EngineConnector, type Replica } from '../../electron/core/db/replica.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import type { LocalPrimary } from '../../electron/core/primary/local-primary.js';
import { HybridClock } from '../../shared/hlc.js';
import type { BenchSizes } from './config.js';
import { timeOnce, timeRuns } from './measure.js';
import type { Results } from './results.js';
import { countingFetch, snapshot, sqlTextBytes, type WireCounter } from './wire.js';

async function countJobs(replica: Replica): Promise<number> {
  const row = await replica.db.get<{ n: number }>('SELECT count(*) AS n FROM jobs');
  return Number(row?.n ?? 0);
}

function open(file: string, primary: LocalPrimary, wire: WireCounter, connector?: EngineConnector): Promise<Replica> {
  // Without the split, the first upload of 100,000 jobs aborts the process (see PUSH_OPERATIONS_PER_REQUEST).
  return openReplica({
    ...(connector ? { connector } : {}),
    path: file,
    remote: () => ({ url: primary.url, authToken: null }),
    clientName: 'fieldbook-bench',
    fetch: wire.fetch,
    pushOperationsThreshold: PUSH_OPERATIONS_PER_REQUEST,
  });
}

export interface SyncInputs {
  replicaFile: string;
  scratchDir: string;
  primary: LocalPrimary;
  deviceId: string;
  jobIds: readonly string[];
  rounds: number;
}

/**
 * Pushes the seeded workspace to the empty primary: what the first connection of a laptop that worked offline costs.
 * The engine runs in its host process, as in the app: an in-process connection would keep its file lock in this
 * process after close (measured with 0.7.2), and the app's reads that follow run through a host process.
 */
export async function benchUpload(replicaFile: string, primary: LocalPrimary, results: Results): Promise<void> {
  const wire = countingFetch();
  const replica = await open(replicaFile, primary, wire, engineHostConnector());
  try {
    const jobs = await countJobs(replica);
    const upload = await timeOnce(() => replica.push());
    results.samples('sync.upload', 'sync', `first upload of the workspace (${jobs} jobs and their change log)`, 'engine', 'ms', [upload.ms], {
      bytesSent: wire.sent,
      bytesReceived: wire.received,
      requests: wire.requests,
    });
    // Issue 15: what a never-synced laptop sends per job (the job row and its change-log row, plus the schema once).
    results.samples('sync.upload.bytes-per-job', 'sync', 'bytes on the wire per job, first upload (sent + received)', 'engine', 'B', [Math.round((wire.sent + wire.received) / Math.max(1, jobs))], {
      sentPerJob: Math.round(wire.sent / Math.max(1, jobs)),
      receivedPerJob: Math.round(wire.received / Math.max(1, jobs)),
    });
  } finally {
    await replica.close();
  }
}

export async function benchSync(inputs: SyncInputs, results: Results, sizes: BenchSizes): Promise<void> {
  const { primary, jobIds } = inputs;
  const wireA = countingFetch();
  const a = await open(inputs.replicaFile, primary, wireA);
  const replicas: Replica[] = [a];
  try {
    const jobs = await countJobs(a);
    // Edits made by the local cases are still unpushed; send them first so the figures below start clean.
    await a.push();
    // First download: a new laptop joining the workspace.
    const downloads: number[] = [];
    let downloaded = { bytes: 0, requests: 0 };
    let second: Replica | null = null;
    for (let round = 0; round < inputs.rounds; round++) {
      const wire = countingFetch();
      const file = path.join(inputs.scratchDir, `download-${round}`, 'fieldbook.db');
      const { ms, value: replica } = await timeOnce(async () => {
        const replica = await open(file, primary, wire);
        await replica.pull();
        const count = await countJobs(replica);
        if (count !== jobs) throw new Error(`first download brought ${count} jobs, expected ${jobs}`);
        return replica;
      });
      downloads.push(ms);
      downloaded = { bytes: wire.received, requests: wire.requests };
      replicas.push(replica);
      second = replica;
    }
    results.samples('sync.first-download', 'sync', `first download of ${jobs} jobs into a new replica`, 'engine', 'ms', downloads, {
      bytesReceived: downloaded.bytes,
      requests: downloaded.requests,
    });
    if (!second) throw new Error('no second replica');
    const wireB = countingFetch();
    const b = await open(second.path, primary, wireB);
    await second.close();
    replicas.splice(replicas.indexOf(second), 1, b);

    // Edits as jobs.update makes them: one transaction each, change-log row and stamps included.
    const edits: EditContext = { clock: new HybridClock(inputs.deviceId), deviceId: inputs.deviceId, actor: () => 'Bench worker', now: () => new Date() };
    const editSamples: number[] = [];
    const pushes: number[] = [];
    const pulls: number[] = [];
    const pushBytes: number[] = [];
    const pullBytes: number[] = [];
    let pushBreakdown: Record<string, number> = {};
    for (let round = 0; round < inputs.rounds; round++) {
      const titles = new Map<string, string>();
      editSamples.push(
        ...(await timeRuns(async (i) => {
          const id = jobIds[(round * sizes.editBurst + i) % Math.max(1, Math.floor(jobIds.length / 2))]!;
          const title = `Synced edit ${round}-${i}`;
          titles.set(id, title);
          await a.db.transaction((tx) => recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'update', values: { title } }));
        }, { runs: sizes.editBurst, warmup: 0 })),
      );

      const beforePush = snapshot(wireA);
      wireA.capture = round === 0;
      pushes.push((await timeOnce(() => a.push())).ms);
      wireA.capture = false;
      pushBytes.push((wireA.sent - beforePush.sent + wireA.received - beforePush.received) / sizes.editBurst);
      if (round === 0) {
        const sql = sqlTextBytes(wireA.captured.splice(0));
        pushBreakdown = {
          sentPerEdit: Math.round((wireA.sent - beforePush.sent) / sizes.editBurst),
          receivedPerEdit: Math.round((wireA.received - beforePush.received) / sizes.editBurst),
          sqlTextPerEdit: Math.round(sql.sqlBytes / sizes.editBurst),
          statementsPerEdit: Math.round((sql.statements / sizes.editBurst) * 100) / 100,
        };
      }

      const beforePull = snapshot(wireB);
      const pulled = await timeOnce(() => b.pull());
      pulls.push(pulled.ms);
      pullBytes.push((wireB.sent - beforePull.sent + wireB.received - beforePull.received) / sizes.editBurst);
      if (!pulled.value) throw new Error('pull after a push of edits reported no remote changes');
      const [lastId, lastTitle] = [...titles].pop()!;
      const seen = await b.db.get<{ title: string }>('SELECT title FROM jobs WHERE id = ?', [lastId]);
      if (seen?.title !== lastTitle) throw new Error(`second replica has "${seen?.title}" for ${lastId}, expected "${lastTitle}"`);
    }
    results.samples('engine.edit', 'local', 'one durable edit through recordEdit (no dispatch)', 'engine', 'ms', editSamples);
    results.samples('sync.push', 'sync', `push of ${sizes.editBurst} edits`, 'engine', 'ms', pushes);
    results.samples('sync.pull', 'sync', `pull of ${sizes.editBurst} edits into a second replica`, 'engine', 'ms', pulls);
    results.samples('sync.bytes.push', 'sync', 'bytes on the wire per edit, push (sent + received)', 'engine', 'B', pushBytes, pushBreakdown);
    results.samples('sync.bytes.pull', 'sync', 'bytes on the wire per edit, pull (sent + received)', 'engine', 'B', pullBytes);
  } finally {
    for (const replica of replicas) await replica.close().catch(() => undefined);
  }
}
