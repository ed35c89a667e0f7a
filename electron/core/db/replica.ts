/**
 * Opens the embedded Turso replica for one workspace. The remote URL is given
 * as a function so the file opens offline on the very first run and sync
 * switches on whenever a primary becomes configured (see TURSO_NOTES: a plain
 * URL fails at once when the server is down).
 */
import { connect, type Database } from '@tursodatabase/sync';

export type DatabaseStats = Awaited<ReturnType<Database['stats']>>;
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { makePrivateDir } from '../fs/private-files.js';
import { retryWhileBusy, wrapDatabase, type Db, type TransactionObserver } from './database.js';
import { isEngineLockError, workspaceLockedError } from './workspace-lock.js';

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
 * size error" (see README, Performance). Requests split on transaction bounds.
 * Each request can meet a local write and answer "busy"; push waits that out.
 */
export const PUSH_OPERATIONS_PER_REQUEST = 2_000;

export async function openReplica(options: ReplicaOptions): Promise<Replica> {
  makePrivateDir(path.dirname(options.path));
  let database: Database;
  try {
    database = await connect({
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
    pull: () => retryWhileBusy(() => database.pull()),
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

/**
 * The engine's `cdcOperations` counts the tail of its change table that is not
 * yet pushed, including commit markers and its own bookkeeping rows, so it never
 * reaches zero after a pull. Count only user-table row changes in that tail;
 * the `changes` log is left out because every edit writes one row there and one
 * in its domain table.
 */
async function countPending(db: Db, tail: number): Promise<number> {
  if (tail <= 0) return 0;
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT table_name, change_type FROM turso_cdc ORDER BY change_id DESC LIMIT ?)
     WHERE change_type != 2 AND table_name IS NOT NULL AND substr(table_name, 1, 6) != 'turso_' AND table_name != 'changes'`,
    [tail],
  );
  return Number(row?.n ?? 0);
}
