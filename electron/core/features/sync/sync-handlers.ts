import type { ReplicaInfo, RepairReport } from '../../../../shared/domain/sync.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SyncService } from '../../sync/sync-service.js';

export interface SyncHandlerDeps {
  repair?: () => Promise<RepairReport>;
  replicas?: () => Promise<ReplicaInfo[]>;
}

export function syncHandlers(sync: SyncService, deps: SyncHandlerDeps = {}): FeatureHandlers {
  return {
    'sync.status': async () => sync.status,
    'sync.now': () => sync.syncNow(),
    'sync.poke': async () => {
      sync.poke();
      return sync.status;
    },
    'sync.replicas': async () => (deps.replicas ? deps.replicas() : []),
    'sync.repair': async () => {
      if (!deps.repair) throw new Error('repair is not wired');
      return deps.repair();
    },
  };
}
