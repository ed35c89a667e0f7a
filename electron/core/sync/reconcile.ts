/**
 * Turso's row sync lets the last push win. After every pull this step finds the
 * changes other devices made that this replica has not reconciled yet, and
 * rewrites every field of the records they touch whose value differs from the
 * projection of the change log (see changes/projection.ts). The rewrite is a
 * normal local write, pushed on the next cycle.
 *
 * "Not reconciled yet" = other devices' changes with rowid above the
 * watermark: they only arrive by pull, carrying the primary's rowids, and the
 * primary gives later arrivals higher rowids (changes is never deleted from).
 */
import type { Db } from '../db/database.js';
import type { EntityRegistry } from '../changes/entity.js';
import { applyProjections } from '../changes/projection.js';

export interface ReconcileOutcome {
  /** New watermark (unchanged when nothing new arrived). */
  watermark: number | null;
  /** Entity names whose rows were touched by new remote changes. */
  entities: string[];
  newChanges: number;
  rewritten: number;
  /** Clock stamps of the new changes, for the local clock to observe. */
  stamps: string[];
}

/** Records per transaction: keeps each write short so the UI is never held up. */
const BATCH = 200;

export async function reconcile(db: Db, registry: EntityRegistry, deviceId: string, watermark: number | null): Promise<ReconcileOutcome> {
  const fresh = await db.all<{ rid: number; entity: string; entity_id: string; hlc: string }>(
    'SELECT rowid AS rid, entity, entity_id, hlc FROM changes WHERE device_id != ? AND rowid > ? ORDER BY rowid',
    [deviceId, watermark ?? -1],
  );
  const outcome: ReconcileOutcome = { watermark, entities: [], newChanges: fresh.length, rewritten: 0, stamps: [] };
  if (fresh.length === 0) return outcome;

  const touched = new Map<string, Set<string>>();
  let maxRowid = watermark ?? -1;
  for (const change of fresh) {
    maxRowid = Math.max(maxRowid, Number(change.rid));
    outcome.stamps.push(change.hlc);
    const ids = touched.get(change.entity) ?? new Set<string>();
    ids.add(change.entity_id);
    touched.set(change.entity, ids);
  }
  outcome.rewritten = await reconcileRecords(db, registry, touched);
  outcome.entities = [...touched.keys()];
  outcome.watermark = maxRowid;
  return outcome;
}

/** Bring the given records in line with their projection; returns how many rows were written. */
export async function reconcileRecords(db: Db, registry: EntityRegistry, records: Map<string, Set<string>>): Promise<number> {
  let written = 0;
  for (const [entity, ids] of records) {
    // An entity this version does not know (a newer app added it) is left as synced.
    const spec = registry.get(entity);
    if (!spec) continue;
    const all = [...ids];
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const result = await db.transaction((tx) => applyProjections(tx, spec, batch));
      written += result.rewritten + result.inserted;
    }
  }
  return written;
}
