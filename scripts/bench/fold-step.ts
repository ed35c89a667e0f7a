/**
 * The generator's fold step: history compaction (electron/core/changes/compaction.ts)
 * run on the primary's file after each generated month, with no archive (the
 * folded rows would live in the object store, which a new laptop never
 * downloads) and large batches (nothing else uses the file meanwhile).
 */
import { compactHistory } from '../../electron/core/changes/compaction.js';
import type { FoldStep } from './history-gen.js';

export const RETENTION_DAYS = 90;

export const compactionFold: FoldStep = async (db, cutoffStamp) => {
  await compactHistory(db, { cutoffStamp, deviceId: 'bench-compactor', recordsPerBatch: 500, scanRows: 50_000 });
};
