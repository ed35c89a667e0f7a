/**
 * The generator's fold step: history compaction (electron/core/changes/compaction.ts)
 * run on the primary's file after each generated month, with no archive (the
 * folded rows would live in the object store, which a new laptop never
 * downloads) and large batches (nothing else uses the file meanwhile).
 */
import { compactHistory } from '../../electron/core/changes/compaction.js';
import type { FoldStep } from './history-gen.js';

export const RETENTION_DAYS = 90;

/** Shaped like a laptop's device id (a UUIDv7, 36 characters), which every fold records: 'bench-compactor' made folds 21 B smaller than a real team's. */
export const BENCH_COMPACTOR = '0190a000-0000-7000-8000-0000000c0ffe';

export const compactionFold: FoldStep = async (db, cutoffStamp) => {
  await compactHistory(db, { cutoffStamp, deviceId: BENCH_COMPACTOR, recordsPerBatch: 500, scanRows: 50_000 });
};
