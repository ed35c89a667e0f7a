import type { ReplicaInfo, RepairReport, SyncStatus } from '../../../../shared/domain/sync.js';
import { AppError } from '../../../../shared/errors.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SyncService } from '../../sync/sync-service.js';

export interface SyncHandlerDeps {
  repair?: () => Promise<RepairReport>;
  replicas?: () => Promise<ReplicaInfo[]>;
  /** Adds what other parts of main know to the status (photos waiting to upload). */
  decorate?: (status: SyncStatus) => SyncStatus;
}

export function syncHandlers(sync: SyncService, deps: SyncHandlerDeps = {}): FeatureHandlers {
  const decorate = deps.decorate ?? ((status: SyncStatus) => status);
  return {
    'sync.status': async () => decorate(sync.status),
    'sync.now': async () => decorate(await sync.syncNow()),
    'sync.poke': async () => {
      sync.poke();
      return decorate(sync.status);
    },
    'sync.replicas': async () => (deps.replicas ? deps.replicas() : []),
    'sync.repair': async (input) => {
      if (!deps.repair) throw new Error('repair is not wired');
      // Repair moves the replica's files aside: on a healthy one that is a few MB
      // of good files per click for nothing, so a stray call must not do it.
      if (!sync.status.needsRepair && input.force !== true) {
        throw new AppError(
          'CONFLICT',
          "Repair is not needed: this laptop's copy of the workspace is syncing normally, so nothing was changed. " +
            'The Sync screen offers Repair when sync keeps failing. To rebuild the copy anyway, call sync.repair with force: true.',
        );
      }
      return deps.repair();
    },
  };
}
