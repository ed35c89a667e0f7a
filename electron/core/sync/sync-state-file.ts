/**
 * Small local (never synced) facts about one replica, kept in a JSON file
 * beside it: the reconcile watermark and the last successful push and pull.
 * Written with write-then-rename so a crash never leaves half a file, off the
 * event loop (fs/replace-file.ts); a missing or damaged file only costs one
 * full reconcile.
 */
import fs from 'node:fs';
import { replaceFile } from '../fs/replace-file.js';

export interface SyncState {
  /** Max rowid of other devices' `changes` rows already reconciled; null = reconcile everything. */
  watermark: number | null;
  /** The same for `change_folds` (compaction's folds pulled from other laptops). */
  foldWatermark: number | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
}

export const EMPTY_SYNC_STATE: SyncState = { watermark: null, foldWatermark: null, lastPushAt: null, lastPullAt: null };

export function syncStatePath(replicaPath: string): string {
  return `${replicaPath}.sync-state.json`;
}

export function readSyncState(file: string): SyncState {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SyncState>;
    return {
      watermark: typeof value.watermark === 'number' && Number.isFinite(value.watermark) ? value.watermark : null,
      foldWatermark: typeof value.foldWatermark === 'number' && Number.isFinite(value.foldWatermark) ? value.foldWatermark : null,
      lastPushAt: typeof value.lastPushAt === 'string' ? value.lastPushAt : null,
      lastPullAt: typeof value.lastPullAt === 'string' ? value.lastPullAt : null,
    };
  } catch {
    return { ...EMPTY_SYNC_STATE };
  }
}

export function writeSyncState(file: string, state: SyncState): Promise<void> {
  return replaceFile(file, `${JSON.stringify(state)}\n`);
}

/** Read-modify-write helper that keeps the latest state in memory. */
export class SyncStateFile {
  private state: SyncState;
  constructor(readonly file: string) {
    this.state = readSyncState(file);
  }
  get current(): Readonly<SyncState> {
    return this.state;
  }
  /** Settles once the state is in the file (a failed write rejects and leaves the state as it was). */
  async update(change: Partial<SyncState>): Promise<void> {
    const next = { ...this.state, ...change };
    await writeSyncState(this.file, next);
    this.state = next;
  }
  reset(): Promise<void> {
    return this.update({ ...EMPTY_SYNC_STATE });
  }
}
