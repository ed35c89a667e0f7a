/**
 * Compaction: old history stops travelling. Change rows stamped before a
 * cutoff are folded, per record, into one insert-only `change_folds` row that
 * keeps each field's winner (value, stamp, change id); one transaction inserts
 * the fold and deletes exactly the rows (and older folds) it folded. Before
 * that, the full rows are written to the archive, and the fold names the
 * object, so history stays reachable.
 *
 * Why it is safe anywhere, any time (see README "Compaction"):
 * - the projection is max-by-stamp per field over changes and folds, which is
 *   commutative, associative and idempotent: two laptops folding overlapping
 *   rows at once both leave a fold and they agree; a late change stamped long
 *   ago still wins or loses by its stamp; nothing is resurrected because a
 *   fold keeps the winner, never a loser;
 * - fold rows are never updated, so Turso's last-push-wins never applies;
 * - the newest row of `changes` and of `change_folds` is never deleted, so
 *   SQLite never hands out a rowid again and reconcile's rowid watermarks
 *   (which assume later arrivals get higher rowids) stay right;
 * - the work goes in small transactions with a yield between them.
 *
 * The caller decides when (see compaction-runner.ts): a laptop with nothing
 * pending that just pulled, so what it deletes is what the primary holds.
 */
import { uuidv7 } from '../../../shared/ids.js';
import type { Db, Queryable } from '../db/database.js';
import { yieldToLoop } from '../sync/yield.js';
import { FOLD_COLUMNS, foldFieldsJson, mergeIntoFold, type FoldRow, type FoldWorkers } from './folds.js';
import { foldSigner } from './fold-signer.js';
import { mergeWorkers, recordFoldWorkers } from './fold-workers.js';
import { encodeArchive, type HistoryArchive } from './history-archive.js';
import { parseFields, type ChangeRow } from './projection.js';

export interface CompactOptions {
  /**
   * Changes stamped strictly before this are folded. A clock stamp, compared as text: for a time use
   * `encodeHlc({ wallMs, counter: 0, deviceId: '' })` or its 13-digit zero-padded milliseconds (never an ISO date).
   */
  cutoffStamp: string;
  /**
   * Where the folded rows are kept. Without one the folded rows exist only as
   * their winners: the sync loop never compacts without one (benchmarks may).
   */
  archive?: HistoryArchive;
  /** Who folds, recorded on each fold as its signer (fold-signer.ts; reconcile-folds.ts skips a laptop's own); defaults to 'compactor'. */
  deviceId?: string;
  /** Records folded per transaction (and per archive object). */
  recordsPerBatch?: number;
  /** Change-log rows scanned per query while finding what to fold. */
  scanRows?: number;
  /** A record is folded only when at least this many rows and folds would become one. */
  minInputs?: number;
  /**
   * A record that already has one fold is refolded only when at least `rows` of its change rows are
   * due, or one of them is stamped before `beforeStamp`. Each refold rewrites the whole fold (and adds
   * an archive key to it), so folding every day a record has one edit past the cutoff would make its
   * fold grow and the folds' pages churn; rows wait at most until `beforeStamp` passes them.
   */
  settle?: { rows: number; beforeStamp: string };
  /** Asked between batches: true stops early (e.g. a sync cycle wants the replica). */
  shouldStop?: () => boolean;
  now?: () => Date;
}

export interface CompactResult {
  /** Change rows removed into folds. */
  folded: number;
  /** Folds written. */
  folds: number;
}

type Transactional = Queryable & Partial<Pick<Db, 'transaction'>>;

const CHANGE_COLUMNS = 'id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at';

async function inTransaction<T>(db: Transactional, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (db.transaction) return db.transaction(fn);
  await db.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn(db);
    await db.exec('COMMIT');
    return result;
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const recordKey = (entity: string, entityId: string) => `${entity}\u0000${entityId}`;

export async function compactHistory(db: Transactional, options: CompactOptions): Promise<CompactResult> {
  const cutoff = options.cutoffStamp;
  if (typeof cutoff !== 'string' || !/^\d{13}/.test(cutoff)) {
    throw new Error(`compactHistory: cutoffStamp must be a clock stamp starting with 13 digits of milliseconds, got ${JSON.stringify(cutoff)}`);
  }
  const perBatch = Math.max(1, options.recordsPerBatch ?? 25);
  const scanRows = Math.max(1, options.scanRows ?? 2_000);
  const minInputs = Math.max(1, options.minInputs ?? 2);
  const now = options.now ?? (() => new Date());

  // Rows at or above these tops are never deleted (see the header: rowids must never be handed out again).
  const topChange = Number((await db.get<{ rid: number | null }>('SELECT max(rowid) AS rid FROM changes'))?.rid ?? -1);
  const topFold = Number((await db.get<{ rid: number | null }>('SELECT max(rowid) AS rid FROM change_folds'))?.rid ?? -1);

  // Which records have foldable inputs, and how many: keyset slices by rowid, a yield between them.
  const inputs = new Map<string, { entity: string; entityId: string; rows: number; folds: number; oldest: string | null }>();
  const count = (table: 'changes' | 'change_folds', entity: string, entityId: string, n: number, oldest: string) => {
    const key = recordKey(entity, entityId);
    const known = inputs.get(key) ?? { entity, entityId, rows: 0, folds: 0, oldest: null };
    if (table === 'change_folds') known.folds += n;
    else {
      known.rows += n;
      if (known.oldest === null || oldest < known.oldest) known.oldest = oldest;
    }
    inputs.set(key, known);
  };
  // Keyset slices of one table by rowid, below the top seen at the start, a yield between them.
  const scan = async (table: 'changes' | 'change_folds', stamp: 'hlc' | 'last_hlc', top: number) => {
    for (let low = -1; low < top; low += scanRows) {
      const rows = await db.all<{ entity: string; entity_id: string; n: number; oldest: string }>(
        `SELECT entity, entity_id, count(*) AS n, min(${stamp}) AS oldest FROM ${table} WHERE rowid > ? AND rowid <= ? AND rowid < ? AND ${stamp} < ? GROUP BY entity, entity_id`,
        [low, low + scanRows, top, cutoff],
      );
      for (const row of rows) count(table, row.entity, row.entity_id, Number(row.n), String(row.oldest));
      await yieldToLoop();
    }
  };
  await scan('changes', 'hlc', topChange);
  // Every fold is an input (whatever its stamps, it already stands for old rows): concurrent folds of one record become one.
  await scan('change_folds', 'last_hlc', topFold);

  const byEntity = new Map<string, string[]>();
  const settle = options.settle;
  for (const { entity, entityId, rows, folds, oldest } of inputs.values()) {
    if (rows + folds < minInputs) continue;
    // Two folds always merge (concurrent folds of one record become one); one waits for enough due rows.
    if (settle && folds === 1 && rows < settle.rows && (oldest === null || oldest >= settle.beforeStamp)) continue;
    const ids = byEntity.get(entity) ?? [];
    ids.push(entityId);
    byEntity.set(entity, ids);
  }

  const deviceId = options.deviceId ?? 'compactor';
  const result: CompactResult = { folded: 0, folds: 0 };
  for (const [entity, ids] of byEntity) {
    for (let i = 0; i < ids.length; i += perBatch) {
      if (options.shouldStop?.()) return result;
      const batch = ids.slice(i, i + perBatch);
      const done = await foldBatch(db, entity, batch, { cutoff, topChange, topFold, deviceId, now, archive: options.archive });
      result.folded += done.folded;
      result.folds += done.folds;
      await yieldToLoop();
    }
  }
  return result;
}

async function foldBatch(
  db: Transactional,
  entity: string,
  entityIds: readonly string[],
  context: { cutoff: string; topChange: number; topFold: number; deviceId: string; now: () => Date; archive?: HistoryArchive },
): Promise<CompactResult> {
  const marks = entityIds.map(() => '?').join(', ');
  // Read outside the transaction: the archive write below is a network call. Whatever arrives
  // meanwhile is simply not an input; an input another fold removed meanwhile is folded twice, which is harmless.
  const changes = await db.all<ChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM changes WHERE entity = ? AND entity_id IN (${marks}) AND hlc < ? AND rowid < ? ORDER BY entity_id, hlc, id`,
    [entity, ...entityIds, context.cutoff, context.topChange],
  );
  const folds = await db.all<FoldRow>(
    `SELECT ${FOLD_COLUMNS} FROM change_folds WHERE entity = ? AND entity_id IN (${marks}) AND last_hlc < ? AND rowid < ? ORDER BY entity_id, id`,
    [entity, ...entityIds, context.cutoff, context.topFold],
  );
  if (changes.length === 0 && folds.length < 2) return { folded: 0, folds: 0 };

  // The full rows go to the archive first: if that fails nothing is deleted.
  let archiveKey: string | null = null;
  if (context.archive && changes.length > 0) {
    const { key, body } = encodeArchive(changes);
    await context.archive.put(key, body);
    archiveKey = key;
  }

  const changesOf = new Map<string, ChangeRow[]>();
  for (const change of changes) changesOf.set(change.entity_id, [...(changesOf.get(change.entity_id) ?? []), change]);
  const foldsOf = new Map<string, FoldRow[]>();
  for (const fold of folds) foldsOf.set(fold.entity_id, [...(foldsOf.get(fold.entity_id) ?? []), fold]);

  return inTransaction(db, async (tx) => {
    const out: CompactResult = { folded: 0, folds: 0 };
    const workers: FoldWorkers = {};
    for (const entityId of entityIds) {
      const ownChanges = changesOf.get(entityId) ?? [];
      const ownFolds = foldsOf.get(entityId) ?? [];
      if (ownChanges.length === 0 && ownFolds.length < 2) continue;
      const content = mergeIntoFold(ownChanges, ownFolds, parseFields);
      mergeWorkers(workers, content.workers);
      const archive = archiveKey && ownChanges.length > 0 ? [...new Set([...content.archive, archiveKey])].sort() : content.archive;
      await tx.run(
        `INSERT INTO change_folds (${FOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          uuidv7(context.now().getTime()),
          entity,
          entityId,
          foldSigner(context.deviceId),
          foldFieldsJson(content),
          content.hasCreate ? 1 : 0,
          content.firstHlc,
          content.lastHlc,
          content.weight,
          JSON.stringify(archive),
          // When it was folded: not kept (nothing reads it; the fold's UUIDv7 id says it), 24 B a fold less on every laptop.
          '',
        ],
      );
      for (let i = 0; i < ownChanges.length; i += 200) {
        const chunk = ownChanges.slice(i, i + 200).map((c) => c.id);
        await tx.run(`DELETE FROM changes WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      }
      if (ownFolds.length > 0) {
        await tx.run(`DELETE FROM change_folds WHERE id IN (${ownFolds.map(() => '?').join(', ')})`, ownFolds.map((f) => f.id));
      }
      out.folded += ownChanges.length;
      out.folds += 1;
    }
    // Who made the folded edits, once per batch rather than in every fold (fold-workers.ts).
    await recordFoldWorkers(tx, workers, context.now());
    return out;
  });
}
