import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SyncService } from '../../sync/sync-service.js';

export function syncHandlers(sync: SyncService): FeatureHandlers {
  return {
    'sync.status': async () => sync.status,
    'sync.now': () => sync.syncNow(),
  };
}
