/**
 * Folds pulled from other laptops re-project their records, like remote
 * changes do (reconcile.ts): a fold may be the only trace of edits this
 * laptop never saw (their rows were folded and deleted before it pulled), and
 * Turso's last push may have left the domain row at another value.
 *
 * Folds have their own rowid watermark: `change_folds` gets rowids from the
 * primary on pull like `changes`, and compaction never deletes the newest
 * fold, so later arrivals get higher rowids.
 */
import type { Db } from '../db/database.js';
import type { EntityRegistry } from '../changes/entity.js';
import { mySigners } from '../changes/fold-signer.js';
import { reconcileRecords } from './reconcile.js';
import { yieldToLoop } from './yield.js';

export interface FoldReconcileOutcome {
  watermark: number | null;
  entities: string[];
  /** Remote folds seen since the last watermark. */
  newFolds: number;
  rewritten: number;
}

const SLICE_ROWS = 500;

/**
 * `fastForward`: the change-log reconcile found no change of this laptop's own
 * (a fresh join): the pulled rows already are the primary's, so a replica with
 * no fold of its own skips to the end too.
 */
export async function reconcileFolds(
  db: Db,
  registry: EntityRegistry,
  deviceId: string,
  watermark: number | null,
  fastForward: boolean,
): Promise<FoldReconcileOutcome> {
  const top = Number((await db.get<{ rid: number | null }>('SELECT max(rowid) AS rid FROM change_folds'))?.rid ?? -1);
  const outcome: FoldReconcileOutcome = { watermark, entities: [], newFolds: 0, rewritten: 0 };
  if (top < 0) return outcome;
  // A fold of this laptop's holds its id (written before migration 10) or its signer (changes/fold-signer.ts).
  const mine = mySigners(deviceId);
  if (watermark === null && fastForward && !(await db.get('SELECT 1 AS x FROM change_folds WHERE device_id IN (?, ?) LIMIT 1', mine))) {
    return { ...outcome, watermark: top };
  }
  const entities = new Set<string>();
  const done = new Set<string>();
  let after = watermark ?? -1;
  for (let low = after; low < top; low += SLICE_ROWS) {
    const slice = await db.all<{ rid: number; entity: string; entity_id: string }>(
      'SELECT rowid AS rid, entity, entity_id FROM change_folds WHERE rowid > ? AND rowid <= ? AND device_id NOT IN (?, ?) ORDER BY rowid',
      [low, low + SLICE_ROWS, ...mine],
    );
    if (slice.length === 0) {
      await yieldToLoop();
      continue;
    }
    const touched = new Map<string, Set<string>>();
    for (const fold of slice) {
      entities.add(fold.entity);
      const key = `${fold.entity}\u0000${fold.entity_id}`;
      if (done.has(key)) continue;
      done.add(key);
      touched.set(fold.entity, (touched.get(fold.entity) ?? new Set<string>()).add(fold.entity_id));
    }
    outcome.newFolds += slice.length;
    outcome.rewritten += await reconcileRecords(db, registry, touched);
    // Only as far as the last remote fold: this laptop's own folds carry local rowids (as in reconcile.ts).
    after = Number(slice[slice.length - 1]!.rid);
    await yieldToLoop();
  }
  if (outcome.newFolds === 0) return outcome;
  return { ...outcome, watermark: after, entities: [...entities] };
}
