/**
 * Who made folded edits, for the people list: per device, its latest signature (name and stamp)
 * among everything compaction folded, in `fold_workers` (migration 9). Folds once carried it
 * themselves (`"@workers"` in every fold, still read: people-queries.ts), but eight workers' entries
 * made a job's fold ~1,700 B instead of ~1,150 B, two to a 4 KB page instead of three: about 10% of
 * what a new laptop downloads (README, "A workspace that lives for years").
 *
 * The table is insert-only with fresh UUIDv7 ids, like `change_folds`, so laptops that compact at
 * once never overwrite each other's rows. A compaction that inserts a newer signature of a device
 * deletes that device's older rows it sees: whatever it deletes is outranked by the row it inserts
 * in the same transaction, so the greatest stamp per device is always kept, and the table stays at
 * about one row per device.
 */
import { uuidv7 } from '../../../shared/ids.js';
import type { Queryable } from '../db/database.js';
import type { FoldWorkers } from './folds.js';

/** Merge `more` into `into`, keeping per device the signature with the greatest stamp. */
export function mergeWorkers(into: FoldWorkers, more: Readonly<FoldWorkers>): FoldWorkers {
  for (const [deviceId, [actor, hlc]] of Object.entries(more)) {
    const known = into[deviceId];
    if (!known || hlc > known[1]) into[deviceId] = [actor, hlc];
  }
  return into;
}

/** Records the signatures newer than what `fold_workers` holds for their device (inside the fold's transaction). */
export async function recordFoldWorkers(tx: Queryable, workers: Readonly<FoldWorkers>, at: Date): Promise<number> {
  const devices = Object.keys(workers);
  if (devices.length === 0) return 0;
  const known = await tx.all<{ id: string; device_id: string; hlc: string }>(
    `SELECT id, device_id, hlc FROM fold_workers WHERE device_id IN (${devices.map(() => '?').join(', ')})`,
    devices,
  );
  let inserted = 0;
  for (const [deviceId, [actor, hlc]] of Object.entries(workers)) {
    const older = known.filter((row) => row.device_id === deviceId);
    if (older.some((row) => row.hlc >= hlc)) continue;
    await tx.run('INSERT INTO fold_workers (id, device_id, actor, hlc, created_at) VALUES (?, ?, ?, ?, ?)', [uuidv7(at.getTime()), deviceId, actor, hlc, at.toISOString()]);
    inserted += 1;
    if (older.length > 0) await tx.run(`DELETE FROM fold_workers WHERE id IN (${older.map(() => '?').join(', ')})`, older.map((row) => row.id));
  }
  return inserted;
}
