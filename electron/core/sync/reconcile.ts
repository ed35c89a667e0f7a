/**
 * Turso's row sync lets the last push win. After every pull this step finds the
 * changes other devices made that this replica has not reconciled yet, and
 * rewrites every field of the records they touch whose value differs from the
 * projection of the change log (see changes/projection.ts). The rewrite is a
 * normal local write, pushed on the next cycle.
 *
 * "Not reconciled yet" = other devices' changes with rowid above the
 * watermark: they only arrive by pull, carrying the primary's rowids, and the
 * primary gives later arrivals higher rowids (compaction deletes old rows but
 * never the newest one, so no rowid is handed out twice; the folds it writes
 * are reconciled by reconcile-folds.ts).
 *
 * The history can be millions of rows (a new laptop's first pull), and every
 * query runs on the main thread: work goes in keyset slices by rowid with a
 * yield to the event loop between slices, so the app stays responsive.
 */
import type { Db } from '../db/database.js';
import type { EntityRegistry } from '../changes/entity.js';
import { applyProjections } from '../changes/projection.js';
import { yieldToLoop } from './yield.js';

export type ReconcileMode =
  /** Nothing new arrived. */
  | 'none'
  /** First reconcile of a replica holding no change of its own: the pulled rows are the primary's, nothing to protect. */
  | 'fast-forward'
  /** New changes were re-projected. */
  | 'projected';

export interface ReconcileOutcome {
  /** New watermark (unchanged when nothing new arrived). */
  watermark: number | null;
  /** Entity names whose rows were touched by new remote changes. */
  entities: string[];
  newChanges: number;
  rewritten: number;
  /** Records whose projection was computed. */
  projected: number;
  mode: ReconcileMode;
  /** The latest clock stamp of each slice of new changes, for the local clock to observe. */
  stamps: string[];
}

export interface ReconcileTuning {
  /** Change-log rows summed per query by the fast-forward check (aggregated natively, cheap per row). */
  scanRows: number;
  /** Change-log rows read into JS per query (the binding takes ~10-40 µs per row it hands over). */
  sliceRows: number;
  /** Records re-projected per transaction. */
  recordsPerBatch: number;
}

/** Each query and batch stays around 10 ms on this machine, under 50 ms with it heavily loaded (measured). */
export const DEFAULT_TUNING: ReconcileTuning = { scanRows: 2_000, sliceRows: 500, recordsPerBatch: 10 };

export async function reconcile(
  db: Db,
  registry: EntityRegistry,
  deviceId: string,
  watermark: number | null,
  tuning: ReconcileTuning = DEFAULT_TUNING,
): Promise<ReconcileOutcome> {
  if (watermark === null) {
    const fast = await fastForward(db, deviceId, tuning);
    if (fast) return fast;
  }
  return project(db, registry, deviceId, watermark, tuning);
}

/**
 * The first reconcile (no watermark yet) of a replica whose log holds no
 * change made here: nothing local could have been overwritten, and the rows
 * already are what the primary holds (which every other device reconciles as
 * it pulls). Move the watermark to the end of the log without re-projecting.
 * Returns null when this replica has changes of its own.
 */
async function fastForward(db: Db, deviceId: string, tuning: ReconcileTuning): Promise<ReconcileOutcome | null> {
  const top = Number((await db.get<{ rid: number | null }>('SELECT max(rowid) AS rid FROM changes'))?.rid ?? -1);
  const outcome: ReconcileOutcome = { watermark: null, entities: [], newChanges: 0, rewritten: 0, projected: 0, mode: 'none', stamps: [] };
  if (top < 0) return outcome;
  const entities = new Set<string>();
  // Range scans by rowid, newest first: on a laptop that worked offline its own
  // edits are the newest rows, so the common "not a fresh join" answer is quick.
  for (let high = top; high >= 0; high -= tuning.scanRows) {
    const rows = await db.all<{ entity: string; n: number; own: number; hlc: string | null }>(
      `SELECT entity, count(*) AS n, sum(device_id = ?) AS own, max(hlc) AS hlc FROM changes
       WHERE rowid > ? AND rowid <= ? GROUP BY entity`,
      [deviceId, high - tuning.scanRows, high],
    );
    for (const row of rows) {
      if (Number(row.own) > 0) return null;
      outcome.newChanges += Number(row.n);
      entities.add(row.entity);
      if (row.hlc) outcome.stamps.push(row.hlc);
    }
    await yieldToLoop();
  }
  return { ...outcome, watermark: top, entities: [...entities], mode: outcome.newChanges > 0 ? 'fast-forward' : 'none' };
}

async function project(db: Db, registry: EntityRegistry, deviceId: string, watermark: number | null, tuning: ReconcileTuning): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { watermark, entities: [], newChanges: 0, rewritten: 0, projected: 0, mode: 'none', stamps: [] };
  const entities = new Set<string>();
  // A record is re-projected once per run: its projection reads its whole log as it is now.
  const done = new Set<string>();
  const top = Number((await db.get<{ rid: number | null }>('SELECT max(rowid) AS rid FROM changes'))?.rid ?? -1);
  let after = watermark ?? -1;
  // Rowid ranges rather than LIMIT: each query scans at most one slice, however
  // few of its rows came from other devices.
  for (let low = after; low < top; low += tuning.sliceRows) {
    const slice = await db.all<{ rid: number; entity: string; entity_id: string; hlc: string }>(
      'SELECT rowid AS rid, entity, entity_id, hlc FROM changes WHERE rowid > ? AND rowid <= ? AND device_id != ? ORDER BY rowid',
      [low, low + tuning.sliceRows, deviceId],
    );
    if (slice.length === 0) {
      await yieldToLoop();
      continue;
    }
    const touched = new Map<string, Set<string>>();
    let latest = '';
    for (const change of slice) {
      if (change.hlc > latest) latest = change.hlc;
      entities.add(change.entity);
      const key = `${change.entity}\u0000${change.entity_id}`;
      if (done.has(key)) continue;
      done.add(key);
      const ids = touched.get(change.entity) ?? new Set<string>();
      ids.add(change.entity_id);
      touched.set(change.entity, ids);
    }
    outcome.stamps.push(latest);
    outcome.newChanges += slice.length;
    outcome.rewritten += await reconcileRecords(db, registry, touched, tuning.recordsPerBatch);
    // Only as far as the last change from another device: this replica's own
    // rows carry local rowids, and remote ones pulled later may sort below them.
    after = Number(slice[slice.length - 1]!.rid);
    await yieldToLoop();
  }
  outcome.projected = done.size;
  if (outcome.newChanges === 0) return outcome;
  return { ...outcome, watermark: after, entities: [...entities], mode: 'projected' };
}

/** Bring the given records in line with their projection; returns how many rows were written. */
export async function reconcileRecords(
  db: Db,
  registry: EntityRegistry,
  records: Map<string, Set<string>>,
  recordsPerBatch = DEFAULT_TUNING.recordsPerBatch,
): Promise<number> {
  let written = 0;
  for (const [entity, ids] of records) {
    // An entity this version does not know (a newer app added it) is left as synced.
    const spec = registry.get(entity);
    if (!spec) continue;
    const all = [...ids];
    for (let i = 0; i < all.length; i += recordsPerBatch) {
      const batch = all.slice(i, i + recordsPerBatch);
      // Short transactions: a local edit waits at most one batch, and the loop breathes between them.
      const result = await db.transaction((tx) => applyProjections(tx, spec, batch));
      written += result.rewritten + result.inserted;
      await yieldToLoop();
    }
  }
  return written;
}
