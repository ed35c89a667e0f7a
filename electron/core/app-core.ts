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
import { damagedReplicaError, isCorruptionError } from './db/corruption-error.js';
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
import { standaloneWorkspaceHandlers, workspaceHandlers } from './features/workspace/workspace-handlers.js';
import { fieldWorkHandlers } from './features/field-work.js';
import { attachmentHandlers } from './features/attachments/attachment-handlers.js';
import { PhotoService, type PhotoOptions } from './features/attachments/photo-service.js';
import { UploadQueue } from './blobs/upload-queue.js';
import { sampleDataRefusal } from './features/sample-data/sample-data-guard.js';
import { secureDataDir } from './fs/private-files.js';
import { listsHandlers } from './features/lists.js';
import { pointInTimeHandlers } from './features/point-in-time.js';
import { attachmentReportMedia } from './features/reports/attachment-report-media.js';
import { reportHandlers } from './features/reports/report-handlers.js';
import type { ReportMedia } from './features/reports/report-media.js';
import type { SaveTarget } from './features/reports/save-target.js';
import { DownloadFolder } from './host/download-folder.js';
import { createLogger, type Logger } from './log/logger.js';
import type { FeatureHandlers } from './rpc/handlers.js';
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
import type { SyncStatus } from '../../shared/domain/sync.js';
import { openWorkspaceSync } from './sync/workspace-sync.js';
import { loadHttpClient } from './sync/http-client-warmup.js';
import { CompactionRunner, historyArchive } from './sync/compaction-runner.js';

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
  /** Edits stamped longer ago than this are folded into per-record snapshots (sync/compaction-runner.ts); 90 when omitted. */
  historyRetentionDays?: number;
  /** Redacting logger (file-backed in the app); an in-memory one when omitted. */
  logger?: Logger;
  /** Runs the replica check in another process (Electron: utilityProcess); plain `node` when omitted. */
  runChild?: ChildRunner;
  /** What each reconcile after a pull did (tests, the benchmark). */
  onReconciled?: (outcome: ReconcileOutcome) => void;
  /** The install's settings, shared by every open workspace (WorkspaceManager); read from `dataDir` when omitted. */
  settings?: SettingsStore;
  /** Which workspace to open; the install's current one when omitted. */
  workspaceId?: string;
  /** The workspace list handlers (create, switch, …) of the WorkspaceManager; refused when one Core runs alone. */
  management?: FeatureHandlers;
  /** Sample data only in a demo workspace (the WorkspaceManager's rule): a team workspace refuses it. */
  sampleDataInDemoOnly?: boolean;
  /** Photo storage: the default (local) object store, capture limits, cache size. */
  photos?: PhotoOptions;
  /** Where exports are saved (Electron: the save dialog); a download folder for the browser host when omitted. */
  saveTarget?: SaveTarget;
  /** Photos and signatures for reports; the photos feature's when omitted (tests pass their own). */
  reportMedia?: ReportMedia;
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
  photos: PhotoService;
  /** The browser host's exports waiting to be downloaded; null when a save target was given. */
  downloads: DownloadFolder | null;
  close(): Promise<void>;
}

export const REPLICA_FILE = 'fieldbook.db';

const SAMPLE_DATA_IN_DEMO =
  'Sample data is kept in the Demo workspace, which never syncs, so no team database receives it. Open it with “Load sample data” on an empty job list.';

export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger();
  const logError = (message: string, error: unknown) => {
    logger.error(message, error);
    options.logError?.(message, error);
  };
  let lastSyncError: string | null = null;
  // Before the first file is opened: the replica is plain SQLite, only the file modes keep it private.
  secureDataDir(options.dataDir, logger);
  const install = options.settings ?? new SettingsStore(options.dataDir, options.secrets);
  const workspaceId = options.workspaceId ?? install.current.currentWorkspaceId;
  const workspace = install.current.workspaces.find((w) => w.id === workspaceId);
  if (!workspace) throw new Error(`settings name workspace ${workspaceId}, which is not in the list`);
  const settings = install.forWorkspace(workspace.id);
  // A demo workspace never syncs; only the install's first workspace falls back to the default primary.
  const isDemo = workspace.kind === 'demo';
  const defaultUrl = workspace.usesDefaultPrimary && !isDemo ? (options.defaultPrimaryUrl ?? null) : null;

  const remote = () => {
    if (isDemo) return null;
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
  // Assigned once the replica is open; the status counts the photos it still has to upload.
  let photos: PhotoService | null = null;
  const withPhotos = (status: SyncStatus): SyncStatus => ({ ...status, photosWaiting: photos?.queue.waitingCount() ?? 0 });
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
  // Assigned once the replica is open; folds old history after pulls (sync/compaction-runner.ts).
  let compaction: CompactionRunner | null = null;
  let pullsSeen = 0;
  loadHttpClient();
  const workspaceSync = await openWorkspaceSync({
    replicaPath,
    connector,
    beforeOpen: async () => (await health.beforeOpen()).damaged,
    filesAsClosedCleanly: () => health.foundAsClosedCleanly,
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
      events.emit('sync.statusChanged', withPhotos(status));
    },
    onDataChanged: (names) => {
      if (names.includes('job') || names.includes('site')) searchIndex?.markStale();
      events.emit('data.changed', { entities: names });
      if (names.includes('attachment') || names.includes('job')) void photos?.prefetch();
    },
    onReconciled: options.onReconciled,
    afterPull: async () => {
      // A newer app on another laptop may have migrated the shared schema.
      assertNotFromFuture(await schemaVersion(replica.db), MIGRATIONS.length);
      await checkpointIfLarge(replica);
      // Not in the session's first cycle: a first download or upload has enough to do.
      if (pullsSeen++ > 0) await compaction?.afterPull();
    },
    logError,
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const replica = workspaceSync.replica;
  const sync = workspaceSync.service;
  compaction = new CompactionRunner({
    db: replica.db,
    deviceId: settings.current.deviceId,
    archive: () => (isDemo ? null : historyArchive(photos)),
    pendingChanges: () => replica.pendingChanges(),
    now: teamNow,
    stateFile: `${replicaPath}.compaction.json`,
    retentionDays: options.historyRetentionDays,
    logError,
  });
  // Each workspace has its own bucket settings; like the default primary, the local
  // store `npm start` runs serves only the install's first workspace, and Demo never uploads.
  const photoOptions = { runChild: options.runChild, ...options.photos };
  if (!workspace.usesDefaultPrimary || isDemo) photoOptions.defaultObjectStore = undefined;
  photos = new PhotoService(workspaceDir, workspaceDir, options.secrets, replica.db, settings.current.deviceId, await UploadQueue.inWorkspace(workspaceDir), photoOptions, (message, error) =>
    logger.warn(message, error),
  );
  const photoService = photos;
  photoService.queue.onChange(() => events.emit('sync.statusChanged', withPhotos(sync.status)));
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

  const downloads = new DownloadFolder(path.join(workspaceDir, 'downloads'));
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
      options.sampleDataInDemoOnly && !isDemo
        ? Promise.resolve(SAMPLE_DATA_IN_DEMO)
        : sampleDataRefusal({ db: replica.db, deviceId: settings.current.deviceId, remote, syncStatus: () => sync.status }),
    ),
    workspaceHandlers(async () => ({
      id: workspace.id,
      name: settings.workspace?.name ?? workspace.name,
      kind: workspace.kind,
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
    pointInTimeHandlers({ db: replica.db, edits, onLocalWrite }, events, () => (isDemo ? null : historyArchive(photoService))),
    attachmentHandlers({ db: replica.db, edits, onLocalWrite }, photoService, options.secrets, () =>
      events.emit('data.changed', { entities: ['attachment'] }),
    ),
    syncHandlers(sync, {
      decorate: withPhotos,
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
    settingsHandlers({ settings, secrets: options.secrets, defaultUrl, onConnectionChanged: () => sync.poke(), localOnly: isDemo }),
    connectionTestHandlers(settings, defaultUrl),
    historyHandlers({
      db: replica.db,
      edits,
      registry: entities,
      restorers: { job: restoreJobField },
      archive: () => (isDemo ? null : historyArchive(photoService)),
      onLocalWrite: (entity) => {
        onLocalWrite();
        events.emit('data.changed', { entities: [entity] });
      },
    }),
    draftHandlers(drafts),
    options.management ?? standaloneWorkspaceHandlers(),
    reportHandlers({
      db: replica.db,
      saveTarget: options.saveTarget ?? downloads,
      workspaceName: () => workspace.name,
      now: () => new Date(teamNow()),
      me: () => (settings.current.profileName === null ? null : { id: settings.current.deviceId, name: settings.current.profileName }),
      searchIndex: jobSearch,
      media: options.reportMedia ?? attachmentReportMedia(photoService, replica.db),
    }),
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
    explain: (error) => (isCorruptionError(error) ? damagedReplicaError(error) : null),
  });

  await sync.start();
  photoService.start();
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
    photos: photoService,
    downloads: options.saveTarget ? null : downloads,
    async close() {
      try {
        await sync.stop();
        await photoService.close();
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
