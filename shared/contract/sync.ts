import { z } from 'zod';
import type { ReplicaInfo, RepairReport, SyncStatus } from '../domain/sync.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

export const syncContract = {
  'sync.status': spec(empty, returns<SyncStatus>(), 'The current sync state.'),
  'sync.now': spec(empty, returns<SyncStatus>(), 'Push and pull now instead of waiting for the loop.'),
  'sync.poke': spec(empty, returns<SyncStatus>(), 'A hint that the network may be back (the OS online event): retry soon.'),
  'sync.replicas': spec(empty, returns<ReplicaInfo[]>(), "Each workspace's local replica: file, size, pending edits, last sync."),
  'sync.repair': spec(
    z.strictObject({
      /** Rebuild even though sync does not say the replica needs it (refused otherwise). */
      force: z.boolean().optional(),
    }),
    returns<RepairReport>(),
    "Rebuild this laptop's replica from the primary and re-apply edits the primary lacks; old files are kept. " +
      'Only when the status says needsRepair, unless force is true.',
  ),
} as const;
