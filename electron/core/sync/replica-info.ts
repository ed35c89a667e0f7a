/** What Settings and the Sync screen show about each workspace's replica on this laptop. */
import fs from 'node:fs';
import type { ReplicaInfo } from '../../../shared/domain/sync.js';
import { REPLICA_FILE_SUFFIXES } from '../db/replica.js';
import { readSyncState, syncStatePath } from './sync-state-file.js';

export function replicaSizeBytes(replicaPath: string): number {
  let total = 0;
  for (const suffix of REPLICA_FILE_SUFFIXES) {
    try {
      total += fs.statSync(`${replicaPath}${suffix}`).size;
    } catch {
      // a file the engine has not created yet
    }
  }
  return total;
}

export function describeReplica(
  workspace: { id: string; name: string },
  replicaPath: string,
  current: { pendingChanges: number } | null,
): ReplicaInfo {
  const state = readSyncState(syncStatePath(replicaPath));
  return {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    current: current !== null,
    file: replicaPath,
    sizeBytes: replicaSizeBytes(replicaPath),
    pendingChanges: current?.pendingChanges ?? null,
    lastPushAt: state.lastPushAt,
    lastPullAt: state.lastPullAt,
  };
}
