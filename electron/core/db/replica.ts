/**
 * Opens the embedded Turso replica for one workspace. The remote URL is given
 * as a function so the file opens offline on the very first run and sync
 * switches on whenever a primary becomes configured (see TURSO_NOTES: a plain
 * URL fails at once when the server is down).
 */
import { connect, type Database, type DatabaseOpts } from '@tursodatabase/sync';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { makePrivateDir } from '../fs/private-files.js';
import { pullReleasingStaging, stagedBytes, STAGING_RELEASE_BYTES } from './release-staging.js';
import { yieldToLoop } from '../sync/yield.js';
import { retryWhileBusy, wrapDatabase, type ConnectionLike, type Db, type TransactionObserver } from './database.js';
import { isEngineLockError, workspaceLockedError } from './workspace-lock.js';

export type DatabaseStats = Awaited<ReturnType<Database['stats']>>;

/** What the replica needs of an engine connection: the in-process engine, or a proxy to it in another process (engine-host/). */
export interface EngineDatabase extends ConnectionLike {
  push(): Promise<void>;
  pull(): Promise<boolean>;
  stats(): Promise<DatabaseStats>;
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the engine on a file: `connect` of @tursodatabase/sync in this process by default. */
export type EngineConnector = (options: DatabaseOpts) => Promise<EngineDatabase>;

export const connectInProcess: EngineConnector = async (options) => (await connect(options)) as unknown as EngineDatabase;

export interface RemoteTarget {
  url: string;
  authToken: string | null;
}

export interface ReplicaOptions {
  path: string;
  /** Read on every sync request; null means local-only for now. */
  remote: () => RemoteTarget | null;
  clientName?: string;
  /** Wraps every sync HTTP request (progress, byte counts, timeouts). */
  fetch?: typeof fetch;
  /** Split pushes into requests of about this many row changes (default PUSH_OPERATIONS_PER_REQUEST). */
  pushOperationsThreshold?: number;
  /** Told how each transaction ended (the edit journal). */
  transactions?: TransactionObserver;
  /** Where the engine runs (default: in this process; engine-host/ runs it in a supervised child). */
  connector?: EngineConnector;
  /** Staged pull bytes past which a pull is followed by one that frees the engine's `-changes` copy (release-staging.ts). */
  stagingReleaseBytes?: number;
}

export interface Replica {
  readonly path: string;
  readonly db: Db;
  push(): Promise<void>;
  /** True when remote changes arrived. */
  pull(): Promise<boolean>;
  stats(): Promise<DatabaseStats>;
  /** Local row changes not yet on the primary (engine bookkeeping and commit markers excluded). */
  pendingChanges(): Promise<number>;
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

/** The files the engine keeps per replica; they are one unit for copy, delete and backup. */
export const REPLICA_FILE_SUFFIXES = ['', '-wal', '-info', '-changes', '-wal-revert'] as const;

/** Local WAL size past which the replica is checkpointed after a write burst. */
export const CHECKPOINT_WAL_BYTES = 8 * 1024 * 1024;

/**
 * Row changes per push request. Unset, the engine sends every unpushed change
 * in one request whose body it builds as one JS array: the first upload of a
 * 100,000-job workspace (~300 MB) aborted the whole process with V8's "invalid
 * size error" (see README, Performance). The binding hands each request body
 * to JS as an array of numbers, one per byte, on the engine's thread, and a
 * read in the engine host waits for that: at 500 a job opened during a first
 * upload waited up to 604-668 ms here (load 9-12), at 250 up to 307-370 ms,
 * with the upload as fast (README, Event-loop stalls). Requests split on transaction bounds, so one huge transaction still
 * goes as one request. Each request can meet a local write and answer "busy";
 * push waits that out.
 */
export const PUSH_OPERATIONS_PER_REQUEST = 250;

export async function openReplica(options: ReplicaOptions): Promise<Replica> {
  makePrivateDir(path.dirname(options.path));
  let database: EngineDatabase;
  try {
    database = await (options.connector ?? connectInProcess)({
      path: options.path,
      url: () => options.remote()?.url ?? null,
      authToken: async () => options.remote()?.authToken ?? '',
      clientName: options.clientName ?? 'fieldbook',
      pushOperationsThreshold: options.pushOperationsThreshold ?? PUSH_OPERATIONS_PER_REQUEST,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch (error) {
    // Another process holds the file: "already open", which must never be taken for damage.
    if (isEngineLockError(error)) throw workspaceLockedError(path.dirname(options.path), null);
    throw new AppError(
      'STORAGE_FAILED',
      `Could not open the workspace database at ${options.path}: ${(error as Error).message}`,
    );
  }
  const db = wrapDatabase(database, options.transactions);
  return {
    path: options.path,
    db,
    // A local write landing mid-sync makes the engine answer "busy"; a retried push
    // is exactly-once (it resumes from the last change the primary acknowledged).
    push: () => retryWhileBusy(() => database.push()),
    pull: () =>
      pullReleasingStaging(
        () => retryWhileBusy(() => database.pull()),
        () => stagedBytes(options.path),
        options.stagingReleaseBytes ?? STAGING_RELEASE_BYTES,
      ),
    stats: () => database.stats(),
    pendingChanges: async () => countPending(db, (await database.stats()).cdcOperations),
    checkpoint: () => db.exclusive(() => retryWhileBusy(() => database.checkpoint())),
    close: () => database.close(),
  };
}

/** Checkpoint when the WAL has grown past the threshold, so it never grows without bound. */
export async function checkpointIfLarge(replica: Replica, thresholdBytes = CHECKPOINT_WAL_BYTES): Promise<boolean> {
  const stats = await replica.stats();
  if (stats.mainWalSize < thresholdBytes) return false;
  await replica.checkpoint();
  return true;
}

/** Change-capture rows counted per query, so a count over a long unpushed tail never holds the event loop. */
const PENDING_SLICE = 2_000;

/**
 * What the user changed and the primary does not have yet. The engine's
 * `cdcOperations` counts the tail of its change table that is not yet pushed,
 * including commit markers, its own bookkeeping rows, and the schema the
 * migrations created (a fresh install would show "25 waiting" with nothing
 * typed). Count only user-table row changes in that tail; the `changes` log is
 * left out because every edit writes one row there and one in its domain table.
 * The tail is read newest first in keyset slices of change_id, with a yield
 * between them: a never-synced 100,000-job workspace has ~200,000 rows in it.
 */
export async function countPending(db: Db, tail: number, slice = PENDING_SLICE): Promise<number> {
  let remaining = tail;
  let below: number | null = null;
  let pending = 0;
  while (remaining > 0) {
    const take = Math.min(slice, remaining);
    const row: { scanned: number; n: number | null; low: number | null } | undefined = await db.get(
      `SELECT count(*) AS scanned, min(change_id) AS low,
              sum(change_type != 2 AND table_name IS NOT NULL AND substr(table_name, 1, 6) != 'turso_'
                  AND table_name NOT IN ('changes', 'sqlite_schema', 'schema_migrations')) AS n
       FROM (SELECT change_id, change_type, table_name FROM turso_cdc WHERE change_id < ? ORDER BY change_id DESC LIMIT ?)`,
      [below ?? Number.MAX_SAFE_INTEGER, take],
    );
    const scanned = Number(row?.scanned ?? 0);
    if (scanned === 0 || row?.low === null || row?.low === undefined) break;
    pending += Number(row.n ?? 0);
    remaining -= scanned;
    below = Number(row.low);
    if (remaining > 0) await yieldToLoop();
  }
  return pending;
}
