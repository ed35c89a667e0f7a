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
import { openReplica, REPLICA_FILE_SUFFIXES, type EngineConnector, type RemoteTarget, type Replica } from '../db/replica.js';
import type { EntityRegistry } from '../changes/entity.js';
import type { ClockOffset } from './clock-offset.js';
import { shortenMasked } from '../log/secret-mask.js';
import { EditJournal, journalPath } from '../journal/edit-journal.js';
import { JournalVersionError } from '../journal/journal-format.js';
import { mergeChanges, missingFromReplica, readEveryTable } from '../journal/journal-restore.js';
import { JournalTrimmer } from '../journal/journal-trimmer.js';
import { DownloadMeter } from './download-meter.js';
import { UploadMeter } from './upload-meter.js';
import { LiveReplica } from './live-replica.js';
import { checkPrimaryHasOurChanges } from './primary-check.js';
import type { Probe } from './probe.js';
import { reconcile, type ReconcileOutcome } from './reconcile.js';
import { reconcileFolds } from './reconcile-folds.js';
import { replicaFileDamage } from './replica-damage.js';
import {
  moveReplicaAside,
  moveReplicaBack,
  readChangeLog,
  reapplyChanges,
  reapplyFolds,
  recoveryDir,
  salvageFromFiles,
  writeExport,
  type ChangeLogExport,
} from './repair.js';
import { SyncService, type SyncTimings } from './sync-service.js';
import { SyncStateFile, syncStatePath } from './sync-state-file.js';
import type { Salvage } from './salvage-in-child.js';

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
  /** Health check before the replica opens: a reason when its files must not be served (rebuild instead). */
  beforeOpen?: () => Promise<string | null>;
  /** True when beforeOpen found the files as a clean close left them: the table walk (a damage check) is skipped then. */
  filesAsClosedCleanly?: () => boolean;
  /** Reads the change log out of damaged files (default: in this process). */
  salvage?: Salvage;
  /** Corruption was seen while running: repair must not read the old replica in this process. */
  knownDamaged?: () => boolean;
  /** The sync loop met an engine error that means the files are damaged. */
  onDamage?: (error: unknown) => void;
  /** Where the engine runs (engine-host/: a supervised child process); in this process when omitted. */
  connector?: EngineConnector;
}

export interface WorkspaceSync {
  replica: LiveReplica;
  service: SyncService;
  stateFile: SyncStateFile;
  /** Every local edit, outside the engine's files, until the primary holds it. */
  journal: EditJournal;
  repair(): Promise<RepairReport>;
  close(): Promise<void>;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function openJournal(replicaPath: string, logError?: (message: string, error: unknown) => void): Promise<EditJournal> {
  try {
    return await EditJournal.open(journalPath(replicaPath), (message, error) => logError?.(message, error));
  } catch (error) {
    if (error instanceof JournalVersionError) throw new AppError('STORAGE_FAILED', error.message);
    throw error;
  }
}

const NOT_DAMAGE: readonly string[] = ['SCHEMA_TOO_NEW', 'WORKSPACE_LOCKED'];

function replicaExists(replicaPath: string): boolean {
  return REPLICA_FILE_SUFFIXES.some((suffix) => fs.existsSync(`${replicaPath}${suffix}`));
}

export async function openWorkspaceSync(options: WorkspaceSyncOptions): Promise<WorkspaceSync> {
  const { replicaPath, registry, deviceId } = options;
  const salvage = options.salvage ?? salvageFromFiles;
  const meter = new DownloadMeter();
  // `replica` is assigned below, before the loop can start a push.
  const upload = new UploadMeter(async () => (await replica.stats()).cdcOperations);
  const wire = upload.wrap(meter.fetch);
  const stateFile = new SyncStateFile(syncStatePath(replicaPath));
  const journal = await openJournal(replicaPath, options.logError);
  let localOnly = false;
  let rebuilding = false;
  const remote = () => (localOnly ? null : options.remote());
  const openLocalFirst = async (): Promise<Replica> => {
    localOnly = true;
    try {
      return await openReplica({ path: replicaPath, remote, clientName: options.clientName, fetch: wire, transactions: journal, connector: options.connector });
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
      const replica = await openReplica({ path: replicaPath, remote, clientName: options.clientName, fetch: wire, transactions: journal, connector: options.connector });
      return { replica, bootstrapped: options.remote() !== null };
    } catch (error) {
      if (!fresh || !allowLocalOnly) throw error;
      return { replica: await openLocalFirst(), bootstrapped: false };
    }
  };

  /** Export, move aside, rebuild, re-apply (salvaged and journaled edits): the common core of both repairs. */
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
    const journaled = journal.records();
    const reapplied = await reapplyChanges(replica.db, registry, mergeChanges(data?.changes ?? [], journaled));
    await reapplyFolds(replica.db, registry, data?.folds ?? [], data?.foldWorkers ?? []);
    await stateFile.reset();
    const report: RepairReport = {
      movedAsideTo: moved.length > 0 ? path.join(dir, 'damaged') : null,
      exportFile,
      reapplied,
      message:
        (opened.bootstrapped
          ? "This laptop's copy of the workspace was rebuilt from the primary"
          : "This laptop's copy of the workspace was rebuilt locally (the primary could not be reached; it will sync when it can)") +
        ` and ${plural(reapplied, 'edit', 'edits')} not yet on the primary ${reapplied === 1 ? 'was' : 'were'} re-applied` +
        (data ? '.' : journaled.length > 0 ? " from this laptop's edit journal (the old copy itself could not be read)." : '. The old copy could not be read.') +
        ` The old files are kept in ${dir}.`,
    };
    return { replica, report };
  };

  /**
   * Open and migrate. A replica whose tables cannot be read, or that lacks
   * edits the journal holds (a lost WAL, a restored backup), counts as damaged:
   * its engine bookkeeping no longer matches its rows, so it is rebuilt rather
   * than patched (patched, the engine was seen to skip re-applied edits on push).
   */
  const openUsable = async (): Promise<Replica> => {
    const damage = replicaFileDamage(replicaPath);
    // Seen before opening: the engine would bootstrap over such files (losing unpushed edits) or panic on them.
    if (damage) throw new Error(`This laptop's copy of the workspace was damaged: ${damage}`);
    const { replica: opened } = await open();
    try {
      await options.prepare(opened.db);
      // A walk of every table at 100,000 jobs is a good part of a switch; after a clean close the integrity check is skipped too.
      if (!options.filesAsClosedCleanly?.()) await readEveryTable(opened.db, registry);
      const missing = (await missingFromReplica(opened.db, journal.ids())).length;
      if (missing > 0) {
        throw new Error(
          `This laptop's copy of the workspace was missing ${plural(missing, 'edit', 'edits')} made on it (its files were damaged or replaced)`,
        );
      }
      return opened;
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
  };

  let initial: Replica;
  let startupNotice: string | null = null;
  try {
    // Damaged sync metadata first: the engine answers such files with a false "locked by another process".
    const fileDamage = replicaFileDamage(replicaPath);
    if (fileDamage) throw new Error(`This laptop's copy of the workspace was damaged: ${fileDamage}`);
    const damage = await options.beforeOpen?.();
    if (damage) throw new Error(damage);
    initial = await openUsable();
  } catch (error) {
    // A schema from a newer app, or another process holding the files, is not damage: never rebuild for it.
    if (!replicaExists(replicaPath) || (error instanceof AppError && NOT_DAMAGE.includes(error.code))) throw error;
    // The files exist but cannot be used as they are: keep the edits, rebuild.
    options.logError?.(`replica ${replicaPath} could not be opened; rebuilding it`, error);
    const dir = recoveryDir(replicaPath);
    const data = await salvage(replicaPath, path.join(dir, 'scratch'), registry, deviceId);
    const rebuilt = await rebuild(data, dir, true);
    initial = rebuilt.replica;
    // The notice reaches the renderer; the engine's message may quote the primary's reply.
    startupNotice = `${shortenMasked((error as Error).message, 200, [options.remote()?.authToken]).replace(/\.$/, '')}. ${rebuilt.report.message}`;
  }
  // Either way every journaled edit is now in the replica: openUsable refused one lacking any, and rebuild re-applied them all.
  const { movedAside, corrupt } = journal.openReport;
  if (movedAside || corrupt > 0) {
    options.logError?.(`edit journal ${journal.file}: ${corrupt} unreadable record(s)${movedAside ? `, file moved to ${movedAside}` : ''}`, null);
    startupNotice =
      (startupNotice ? `${startupNotice} ` : '') +
      (movedAside
        ? `This laptop's edit journal could not be read; it is kept in ${movedAside} and a new one was started.`
        : `${plural(corrupt, 'entry', 'entries')} of this laptop's edit journal could not be read and ${corrupt === 1 ? 'was' : 'were'} skipped.`);
  }
  const replica = new LiveReplica(initial);
  const trimmer = new JournalTrimmer(journal, replica.db, registry, options.logError);
  let reconciledOnce = false;

  const service: SyncService = new SyncService({
    replica: trimmer.watchPushes(replica),
    remote,
    probe: options.probe,
    stateFile,
    meter,
    upload,
    timings: options.timings,
    onStatus: options.onStatus,
    onReachable: options.clockOffset ? (target) => options.clockOffset!.measureIfDue(target) : undefined,
    onDamage: options.onDamage,
    afterPull: async (changed) => {
      // The pulled rows show at once; reconcile may take a while on a long history.
      if (changed) options.onDataChanged(registry.names());
      // Remote changes only arrive by pull: with nothing pulled and the log reconciled once this session, nothing is new.
      if (changed || !reconciledOnce) {
        const outcome = await reconcile(replica.db, registry, deviceId, stateFile.current.watermark);
        reconciledOnce = true;
        for (const stamp of outcome.stamps) options.clock.observe(stamp);
        const freshJoin = stateFile.current.watermark === null && outcome.mode === 'fast-forward';
        if (outcome.watermark !== stateFile.current.watermark) await stateFile.update({ watermark: outcome.watermark });
        const folds = await reconcileFolds(replica.db, registry, deviceId, stateFile.current.foldWatermark, freshJoin);
        if (folds.watermark !== stateFile.current.foldWatermark) await stateFile.update({ foldWatermark: folds.watermark });
        options.onReconciled?.(outcome);
        if (outcome.rewritten > 0 || (!changed && outcome.newChanges > 0)) options.onDataChanged(outcome.entities);
        if (folds.rewritten > 0) options.onDataChanged(folds.entities);
      }
      await options.afterPull?.();
      const target = options.remote();
      if (target) await trimmer.afterSync(target);
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
          (options.knownDamaged?.() ? null : await readChangeLog(old.db, registry, deviceId).catch(() => null)) ??
          (await salvage(replicaPath, path.join(dir, 'scratch'), registry, deviceId));
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
      service.useReplica(trimmer.watchPushes(replica));
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

  const close = async (): Promise<void> => {
    await replica.close();
    journal.close();
  };

  return { replica, service, stateFile, journal, repair, close };
}
