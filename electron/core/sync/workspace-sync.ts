/**
 * Everything sync needs for one open workspace, assembled in one place: the
 * replica (opened with byte counting, rebuilt if its files are damaged), the
 * loop, reconcile after every pull, the local sync-state file, and repair.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { HybridClock } from '../../../shared/hlc.js';
import type { RepairReport, SyncStatus } from '../../../shared/domain/sync.js';
import type { Db } from '../db/database.js';
import { openReplica, REPLICA_FILE_SUFFIXES, type RemoteTarget, type Replica } from '../db/replica.js';
import type { EntityRegistry } from '../changes/entity.js';
import type { ClockOffset } from './clock-offset.js';
import { shortenMasked } from '../log/secret-mask.js';
import { DownloadMeter } from './download-meter.js';
import { UploadMeter } from './upload-meter.js';
import { LiveReplica } from './live-replica.js';
import { checkPrimaryHasOurChanges } from './primary-check.js';
import type { Probe } from './probe.js';
import { reconcile, type ReconcileOutcome } from './reconcile.js';
import {
  moveReplicaAside,
  moveReplicaBack,
  readChangeLog,
  reapplyChanges,
  recoveryDir,
  salvageFromFiles,
  writeExport,
  type ChangeLogExport,
} from './repair.js';
import { SyncService, type SyncTimings } from './sync-service.js';
import { SyncStateFile, syncStatePath } from './sync-state-file.js';

export interface WorkspaceSyncOptions {
  replicaPath: string;
  remote: () => RemoteTarget | null;
  clientName: string;
  deviceId: string;
  clock: HybridClock;
  /** Measured against the primary whenever it answers and the last measurement is stale. */
  clockOffset?: ClockOffset;
  registry: EntityRegistry;
  /** Migrate a freshly opened replica (and anything else it needs before use). */
  prepare: (db: Db) => Promise<void>;
  probe: Probe;
  timings?: Partial<SyncTimings>;
  onStatus: (status: SyncStatus) => void;
  onDataChanged: (entities: string[]) => void;
  /** What each reconcile did (tests, logs). */
  onReconciled?: (outcome: ReconcileOutcome) => void;
  /** Extra work after each pull and reconcile (schema check, checkpoint). */
  afterPull?: () => Promise<void>;
  logError?: (message: string, error: unknown) => void;
}

export interface WorkspaceSync {
  replica: LiveReplica;
  service: SyncService;
  stateFile: SyncStateFile;
  repair(): Promise<RepairReport>;
}

function replicaExists(replicaPath: string): boolean {
  return REPLICA_FILE_SUFFIXES.some((suffix) => fs.existsSync(`${replicaPath}${suffix}`));
}

export async function openWorkspaceSync(options: WorkspaceSyncOptions): Promise<WorkspaceSync> {
  const { replicaPath, registry, deviceId } = options;
  const meter = new DownloadMeter();
  // `replica` is assigned below, before the loop can start a push.
  const upload = new UploadMeter(async () => (await replica.stats()).cdcOperations);
  const wire = upload.wrap(meter.fetch);
  const stateFile = new SyncStateFile(syncStatePath(replicaPath));
  let localOnly = false;
  let rebuilding = false;
  const remote = () => (localOnly ? null : options.remote());
  const openLocalFirst = async (): Promise<Replica> => {
    localOnly = true;
    try {
      return await openReplica({ path: replicaPath, remote, clientName: options.clientName, fetch: wire });
    } finally {
      localOnly = false;
    }
  };
  /**
   * A new file opens local-only and gets its data from the loop's first pull:
   * the app starts at once, offline too, and a large first download shows
   * progress. A repair instead bootstraps from the primary right away.
   */
  const open = async (allowLocalOnly = true): Promise<{ replica: Replica; bootstrapped: boolean }> => {
    const fresh = !replicaExists(replicaPath);
    if (fresh && allowLocalOnly === true && !rebuilding) return { replica: await openLocalFirst(), bootstrapped: false };
    try {
      const replica = await openReplica({ path: replicaPath, remote, clientName: options.clientName, fetch: wire });
      return { replica, bootstrapped: options.remote() !== null };
    } catch (error) {
      if (!fresh || !allowLocalOnly) throw error;
      return { replica: await openLocalFirst(), bootstrapped: false };
    }
  };

  /** Export, move aside, rebuild, re-apply: the common core of both repairs. */
  const rebuild = async (
    data: ChangeLogExport | null,
    dir: string,
    allowLocalOnly: boolean,
  ): Promise<{ replica: Replica; report: RepairReport }> => {
    const exportFile = data ? writeExport(dir, data) : null;
    const moved = moveReplicaAside(replicaPath, dir);
    let opened: { replica: Replica; bootstrapped: boolean };
    rebuilding = true;
    try {
      opened = await open(allowLocalOnly);
    } catch (error) {
      moveReplicaBack(replicaPath, dir, moved);
      throw error;
    } finally {
      rebuilding = false;
    }
    const replica = opened.replica;
    await options.prepare(replica.db);
    const reapplied = data ? await reapplyChanges(replica.db, registry, data.changes) : 0;
    stateFile.reset();
    const report: RepairReport = {
      movedAsideTo: moved.length > 0 ? path.join(dir, 'damaged') : null,
      exportFile,
      reapplied,
      message:
        (opened.bootstrapped
          ? "This laptop's copy of the workspace was rebuilt from the primary"
          : "This laptop's copy of the workspace was rebuilt locally (the primary could not be reached; it will sync when it can)") +
        (data ? ` and ${reapplied} edit${reapplied === 1 ? '' : 's'} not yet on the primary ${reapplied === 1 ? 'was' : 'were'} re-applied.` : '.') +
        (data ? '' : ' The old copy could not be read, so edits not yet synced could not be recovered automatically.') +
        ` The old files are kept in ${dir}.`,
    };
    return { replica, report };
  };

  let initial: Replica;
  let startupNotice: string | null = null;
  try {
    initial = (await open()).replica;
    await options.prepare(initial.db);
  } catch (error) {
    // A schema from a newer app is not damage: never rebuild for it.
    if (!replicaExists(replicaPath) || (error instanceof AppError && error.code === 'SCHEMA_TOO_NEW')) throw error;
    // The files exist but the engine cannot use them: keep the edits, rebuild.
    options.logError?.(`replica ${replicaPath} could not be opened; rebuilding it`, error);
    const dir = recoveryDir(replicaPath);
    const data = await salvageFromFiles(replicaPath, path.join(dir, 'scratch'), registry, deviceId);
    const rebuilt = await rebuild(data, dir, true);
    initial = rebuilt.replica;
    // The notice reaches the renderer; the engine's message may quote the primary's reply.
    startupNotice = `${shortenMasked((error as Error).message, 200, [options.remote()?.authToken])}. ${rebuilt.report.message}`;
  }
  const replica = new LiveReplica(initial);
  let reconciledOnce = false;

  const service: SyncService = new SyncService({
    replica,
    remote,
    probe: options.probe,
    stateFile,
    meter,
    upload,
    timings: options.timings,
    onStatus: options.onStatus,
    onReachable: options.clockOffset ? (target) => options.clockOffset!.measureIfDue(target) : undefined,
    afterPull: async (changed) => {
      // The pulled rows show at once; reconcile may take a while on a long history.
      if (changed) options.onDataChanged(registry.names());
      // Remote changes only arrive by pull: with nothing pulled and the log reconciled once this session, nothing is new.
      if (changed || !reconciledOnce) {
        const outcome = await reconcile(replica.db, registry, deviceId, stateFile.current.watermark);
        reconciledOnce = true;
        for (const stamp of outcome.stamps) options.clock.observe(stamp);
        if (outcome.watermark !== stateFile.current.watermark) stateFile.update({ watermark: outcome.watermark });
        options.onReconciled?.(outcome);
        if (outcome.rewritten > 0 || (!changed && outcome.newChanges > 0)) options.onDataChanged(outcome.entities);
      }
      await options.afterPull?.();
    },
    verifyPrimary: (target) => checkPrimaryHasOurChanges(replica.db, () => replica.pendingChanges(), target),
    onWedged: async (error) => {
      options.logError?.('sync keeps failing; exporting the change log', error);
      writeExport(recoveryDir(replicaPath), await readChangeLog(replica.db, registry, deviceId));
    },
  });
  if (startupNotice) service.setNotice(startupNotice);
  if (options.clockOffset) {
    service.setClock(options.clockOffset.report);
    options.clockOffset.onChange((report) => service.setClock(report));
  }

  const repair = async (): Promise<RepairReport> => {
    const target = options.remote();
    if (!target || !(await options.probe(target.url))) {
      throw new AppError(
        'SYNC_FAILED',
        "Repair rebuilds this laptop's copy from the primary, which cannot be reached right now. " +
          'Connect to the network and try again; your edits stay saved on this laptop meanwhile.',
      );
    }
    await service.stop();
    let report: RepairReport | null = null;
    let failure: unknown = null;
    try {
      await replica.swap(async (old) => {
        const dir = recoveryDir(replicaPath);
        const data =
          (await readChangeLog(old.db, registry, deviceId).catch(() => null)) ??
          (await salvageFromFiles(replicaPath, path.join(dir, 'scratch'), registry, deviceId));
        await old.close().catch(() => undefined);
        try {
          const rebuilt = await rebuild(data, dir, false);
          report = rebuilt.report;
          return rebuilt.replica;
        } catch (error) {
          failure = error;
          return (await open()).replica;
        }
      });
    } finally {
      // A rebuilt replica starts with no watermark: its first pull must reconcile.
      reconciledOnce = false;
      service.useReplica(replica);
      await service.start();
    }
    if (failure || !report) {
      const reason = shortenMasked((failure as Error)?.message ?? 'unknown error', 1000, [options.remote()?.authToken]);
      throw new AppError('SYNC_FAILED', `Repair failed: ${reason}. Nothing was deleted.`);
    }
    const done: RepairReport = report;
    service.setNotice(done.message);
    options.onDataChanged(registry.names());
    return done;
  };

  return { replica, service, stateFile, repair };
}
