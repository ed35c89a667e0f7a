/**
 * The composition root of the main process, free of Electron: opens the
 * workspace replica, migrates it, wires features into one dispatch and starts
 * the sync loop. The Electron app and the browser host both run exactly this.
 */
import path from 'node:path';
import { HybridClock } from '../../shared/hlc.js';
import { MIGRATIONS } from '../../migrations/index.js';
import type { EditContext } from './changes/change-log.js';
import { entities, type EntityRegistry } from './changes/entity.js';
import type { ChildRunner } from './db/child-runner.js';
import { isCorruptionError } from './db/corruption-error.js';
import { assertNotFromFuture, migrate, schemaVersion } from './db/migrate.js';
import { ReplicaHealth } from './db/replica-health.js';
import { acquireWorkspaceLock } from './db/workspace-lock.js';
import { checkpointIfLarge, type Replica } from './db/replica.js';
import { WalGuard } from './db/wal-guard.js';
import { engineFor, type EngineChoice } from './engine-host/core-engine.js';
import { EventHub } from './events.js';
import { diagnosticsHandlers } from './features/diagnostics/diagnostics-handlers.js';
import { draftHandlers } from './features/drafts/draft-handlers.js';
import { DraftStore } from './features/drafts/draft-store.js';
import { historyHandlers } from './features/history/history-handlers.js';
import { connectionTestHandlers } from './features/sync/connection-handlers.js';
import { JobCountCache } from './features/jobs/job-count.js';
import { jobHandlers } from './features/jobs/job-handlers.js';
import { restoreJobField } from './features/jobs/job-writes.js';
import { JobSearchIndex } from './features/jobs/job-search-index.js';
import { settingsHandlers } from './features/settings/settings-handlers.js';
import { syncHandlers } from './features/sync/sync-handlers.js';
import { workspaceHandlers } from './features/workspace/workspace-handlers.js';
import { fieldWorkHandlers } from './features/field-work.js';
import { sampleDataRefusal } from './features/sample-data/sample-data-guard.js';
import { secureDataDir } from './fs/private-files.js';
import { listsHandlers } from './features/lists.js';
import { createLogger, type Logger } from './log/logger.js';
import { createDispatch, mergeHandlers, type Dispatch } from './rpc/registry.js';
import type { SecretBox } from './settings/secret-box.js';
import { SettingsStore } from './settings/settings-store.js';
import { ClockOffset, clockOffsetPath } from './sync/clock-offset.js';
import { mayCarryToken } from './settings/token-scope.js';
import { createHttpProbe, type Probe } from './sync/probe.js';
import { describeReplica } from './sync/replica-info.js';
import type { SyncService, SyncTimings } from './sync/sync-service.js';
import { salvageInChild } from './sync/salvage-in-child.js';
import type { ReconcileOutcome } from './sync/reconcile.js';
import { openWorkspaceSync } from './sync/workspace-sync.js';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  secrets: SecretBox;
  /** Primary used while Settings name none (e.g. the local one `npm start` runs). */
  defaultPrimaryUrl?: string | null;
  probe?: Probe;
  syncTimings?: Partial<SyncTimings>;
  logError?: (message: string, error: unknown) => void;
  /** The laptop's own wall clock; edits are stamped with it corrected by the offset from the primary (tests inject skewed clocks). */
  clockNow?: () => number;
  /** Redacting logger (file-backed in the app); an in-memory one when omitted. */
  logger?: Logger;
  /** Runs the replica check in another process (Electron: utilityProcess); plain `node` when omitted. */
  runChild?: ChildRunner;
  /** What each reconcile after a pull did (tests, the benchmark). */
  onReconciled?: (outcome: ReconcileOutcome) => void;
  /** Where the engine runs: its own supervised process (default; Electron passes a utilityProcess spawner) or 'in-process'. */
  engine?: EngineChoice;
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  sync: SyncService;
  replica: Replica;
  settings: SettingsStore;
  /** Who, when and with which clock local edits are stamped. */
  edits: EditContext;
  entities: EntityRegistry;
  logger: Logger;
  /** Cache of job haystacks behind `jobs.list {search}`. */
  searchIndex: JobSearchIndex;
  close(): Promise<void>;
}

export const REPLICA_FILE = 'fieldbook.db';

export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger();
  const logError = (message: string, error: unknown) => {
    logger.error(message, error);
    options.logError?.(message, error);
  };
  let lastSyncError: string | null = null;
  // Before the first file is opened: the replica is plain SQLite, only the file modes keep it private.
  secureDataDir(options.dataDir, logger);
  const settings = new SettingsStore(options.dataDir, options.secrets);
  const defaultUrl = options.defaultPrimaryUrl ?? null;
  const workspace = settings.current.workspaces.find((w) => w.id === settings.current.currentWorkspaceId);
  if (!workspace) throw new Error(`settings name workspace ${settings.current.currentWorkspaceId}, which is not in the list`);

  const remote = () => {
    const url = settings.current.connection.url ?? defaultUrl;
    if (!url) return null;
    // Settings from an older version may name a plain http:// server: never send the token over it.
    const authToken = mayCarryToken(url) ? settings.readToken() : null;
    if (authToken) logger.protect(authToken);
    return { url, authToken };
  };
  const events = new EventHub();
  // Assigned once the replica is open; pulls and repairs change rows behind the change log.
  let searchIndex: JobSearchIndex | null = null;
  const workspaceDir = settings.workspaceDir(workspace.id);
  const replicaPath = path.join(workspaceDir, REPLICA_FILE);
  // Before any file is opened: another process on this workspace means "already open", never a rebuild.
  const lock = acquireWorkspaceLock(workspaceDir);
  const health = new ReplicaHealth(replicaPath, { runChild: options.runChild, log: (message) => logger.info(message) });
  const clockOffset = new ClockOffset({
    file: clockOffsetPath(replicaPath),
    localNow: options.clockNow ?? Date.now,
    // Not an error: the last offset stays in use and the next reachable cycle tries again.
    logError: (message, error) => logger.warn(message, error),
  });
  const teamNow = clockOffset.now;
  const clock = new HybridClock(settings.current.deviceId, teamNow);
  // Local-only, beside the replica but not in it: drafts never sync.
  const drafts = new DraftStore(workspaceDir, { onProblem: (message, error) => logger.warn(message, error) });
  // Set once the sync service exists: an engine abort while serving offers Repair instead of ending the app.
  let reportDamage: ((error: unknown) => void) | null = null;
  const connector = engineFor(options.engine, { log: logError, reportDamage: (error) => reportDamage?.(error) });
  const workspaceSync = await openWorkspaceSync({
    replicaPath,
    connector,
    beforeOpen: async () => (await health.beforeOpen()).damaged,
    salvage: salvageInChild(options.runChild),
    knownDamaged: () => health.damageSeen,
    onDamage: (error) => health.noteCorruption(error),
    remote,
    clientName: `fieldbook-${settings.current.deviceId}`,
    deviceId: settings.current.deviceId,
    clock,
    clockOffset,
    registry: entities,
    prepare: async (db) => {
      await migrate(db, MIGRATIONS);
      const row = await db.get<{ hlc: string | null }>('SELECT max(hlc) AS hlc FROM changes');
      if (row?.hlc) clock.observe(row.hlc);
    },
    probe: options.probe ?? createHttpProbe(),
    timings: options.syncTimings,
    onStatus: (status) => {
      // Once per distinct failure, not once per retry.
      if (status.state === 'error' && status.lastError && status.lastError !== lastSyncError) {
        logger.warn('sync failed', status.lastError);
      }
      lastSyncError = status.state === 'error' ? status.lastError : null;
      events.emit('sync.statusChanged', status);
    },
    onDataChanged: (names) => {
      if (names.includes('job') || names.includes('site')) searchIndex?.markStale();
      events.emit('data.changed', { entities: names });
    },
    onReconciled: options.onReconciled,
    afterPull: async () => {
      // A newer app on another laptop may have migrated the shared schema.
      assertNotFromFuture(await schemaVersion(replica.db), MIGRATIONS.length);
      await checkpointIfLarge(replica);
    },
    logError,
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const replica = workspaceSync.replica;
  const sync = workspaceSync.service;
  reportDamage = (error) => sync.reportDamage(error);
  const jobSearch = new JobSearchIndex(replica.db, logger);
  searchIndex = jobSearch;

  const edits: EditContext = {
    clock,
    deviceId: settings.current.deviceId,
    actor: () => settings.current.profileName ?? 'Unknown worker',
    now: () => new Date(teamNow()),
    onEdit: (entity, entityId) => jobSearch.noteEdit(entity, entityId),
    onRecorded: (change) => workspaceSync.journal.stage(change),
  };

  const jobCounts = new JobCountCache();
  events.on((event) => event === 'data.changed' && jobCounts.invalidate());
  const walGuard = new WalGuard(replica, 200, (error) => logError('checkpoint failed', error));
  const onLocalWrite = () => {
    walGuard.noteWrite();
    jobCounts.invalidate();
    sync.notifyLocalWrite();
  };
  const table = mergeHandlers(
    fieldWorkHandlers({ db: replica.db, edits, onLocalWrite }, settings, events, () =>
      sampleDataRefusal({ db: replica.db, deviceId: settings.current.deviceId, remote, syncStatus: () => sync.status }),
    ),
    workspaceHandlers(async () => ({
      id: workspace.id,
      name: workspace.name,
      deviceId: settings.current.deviceId,
      schemaVersion: await schemaVersion(replica.db),
      appVersion: options.appVersion,
    })),
    jobHandlers({
      db: replica.db,
      edits,
      onLocalWrite,
      me: () => settings.current.profileName,
      searchIndex: jobSearch,
      counts: jobCounts,
    }),
    listsHandlers({ db: replica.db, edits, onLocalWrite }, settings, events, settings.workspaceDir(workspace.id)),
    syncHandlers(sync, {
      repair: async () => {
        const report = await workspaceSync.repair();
        health.clearCorruption();
        return report;
      },
      replicas: async () =>
        settings.current.workspaces.map((w) =>
          w.id === workspace.id
            ? describeReplica(w, replicaPath, sync.status)
            : describeReplica(w, path.join(settings.workspaceDir(w.id), REPLICA_FILE), null),
        ),
    }),
    settingsHandlers({ settings, secrets: options.secrets, defaultUrl, onConnectionChanged: () => sync.poke() }),
    connectionTestHandlers(settings, defaultUrl),
    historyHandlers({
      db: replica.db,
      edits,
      registry: entities,
      restorers: { job: restoreJobField },
      onLocalWrite: (entity) => {
        onLocalWrite();
        events.emit('data.changed', { entities: [entity] });
      },
    }),
    draftHandlers(drafts),
    diagnosticsHandlers({
      appVersion: options.appVersion,
      db: replica.db,
      replicaPath: replica.path,
      latestSchemaVersion: MIGRATIONS.length,
      settings,
      secrets: options.secrets,
      sync,
      logger,
      defaultUrl,
    }),
  );
  const dispatch = createDispatch(table, {
    onInternalError: (name, error) => {
      logError(`handler ${name} failed`, error);
      // A read that met damaged pages: stop serving sync from it and offer Repair.
      if (isCorruptionError(error)) sync.reportDamage(error);
    },
  });

  await sync.start();
  return {
    dispatch,
    events,
    sync,
    replica,
    settings,
    edits,
    entities,
    logger,
    searchIndex: jobSearch,
    async close() {
      try {
        await sync.stop();
        await drafts.idle();
        await walGuard.idle();
        await replica.checkpoint().catch(() => undefined);
        await workspaceSync.close();
        health.markClosedCleanly();
      } finally {
        lock.release();
      }
    },
  };
}
