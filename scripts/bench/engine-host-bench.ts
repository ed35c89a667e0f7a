/**
 * What running the engine in its own process (electron/core/engine-host/)
 * costs on the read path. The same prepared statements as turso-raw (a point
 * read and a page of 200 jobs) through the app's Db layer, once with the
 * engine in this process and once through the host (one IPC round trip per
 * statement); and the app path (dispatch) with the engine in this process, to
 * set beside `app.*` (which runs through the host, as the app does).
 */
import path from 'node:path';
import type { Db } from '../../electron/core/db/database.js';
import { openReplica } from '../../electron/core/db/replica.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { BenchSizes } from './config.js';
import { STATUS_PAGE_INPUT } from './local-app.js';
import { timeRuns } from './measure.js';
import { rawQueries } from './raw-engines.js';
import type { Engine, Results } from './results.js';
import { call, openCore } from './workspace.js';

const pickId = (ids: readonly string[], i: number) => ids[(i * 7919) % ids.length]!;

async function statementCases(db: Db, engine: Engine, results: Results, sizes: BenchSizes, jobIds: readonly string[], withSites: boolean): Promise<void> {
  const queries = rawQueries(withSites);
  const get = await timeRuns(async (i) => {
    const id = pickId(jobIds, i);
    const row = await db.get<{ id: string }>(queries.point, [id]);
    if (row?.id !== id) throw new Error(`wrong answer: ${engine} point read returned ${row?.id} for ${id}`);
  }, { runs: sizes.pointRuns });
  results.samples(`${engine}.get`, 'raw', 'point read by id (prepared statement, Db layer)', engine, 'ms', get);
  const page = await timeRuns(async () => {
    const rows = await db.all(queries.page, ['open']);
    if (rows.length === 0) throw new Error(`wrong answer: ${engine} page of open jobs is empty`);
  }, { runs: sizes.pageRuns });
  results.samples(`${engine}.page.status-due`, 'raw', 'page of 200 open jobs by due date (prepared statement, Db layer)', engine, 'ms', page);
}

export interface EngineHostInputs {
  /** The workspace's replica, read through a host process. */
  replicaFile: string;
  /**
   * A copy of the workspace for the in-process figures: an in-process connection keeps its file lock in
   * this process after close (measured with 0.7.2), which would refuse every host opened on the file later.
   */
  copyReplicaFile: string;
  /** Another copy, untouched, for the app path with the engine in process. */
  copyDataDir: string;
  jobIds: readonly string[];
  withSites: boolean;
}

export async function benchEngineHost(inputs: EngineHostInputs, results: Results, sizes: BenchSizes): Promise<void> {
  const { replicaFile, jobIds, withSites } = inputs;
  const inProcess = await openReplica({ path: inputs.copyReplicaFile, remote: () => null, clientName: 'fieldbook-bench-inproc' });
  try {
    await statementCases(inProcess.db, 'in-process', results, sizes, jobIds, withSites);
  } finally {
    await inProcess.close();
  }
  const connector = engineHostConnector();
  const hosted = await openReplica({ path: path.resolve(replicaFile), remote: () => null, clientName: 'fieldbook-bench-host', connector });
  try {
    await statementCases(hosted.db, 'engine-host', results, sizes, jobIds, withSites);
  } finally {
    await hosted.close();
  }

  // The app path with the engine in main, as before the host existed.
  const core = await openCore(inputs.copyDataDir, null, undefined, 'in-process');
  try {
    const get = await timeRuns(async (i) => {
      const id = pickId(jobIds, i);
      const job = await call<Job>(core, 'jobs.get', { id });
      if (job.id !== id) throw new Error(`wrong answer: jobs.get returned ${job.id} for ${id}`);
    }, { runs: sizes.pointRuns });
    results.samples('app-in-process.get', 'local', 'open one job (jobs.get), engine in the main process', 'app', 'ms', get);
    const page = await timeRuns(async () => {
      const result = await call<JobPage>(core, 'jobs.list', STATUS_PAGE_INPUT);
      if (result.items.length === 0) throw new Error('wrong answer: no open jobs in the page');
    }, { runs: sizes.pageRuns });
    results.samples('app-in-process.page.status-due', 'local', 'page of 200 open jobs by due date, engine in the main process', 'app', 'ms', page);
  } finally {
    await core.close();
  }
}
