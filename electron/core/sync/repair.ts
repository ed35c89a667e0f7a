/**
 * Recovery from a wedged replica (damaged files, an engine error that keeps
 * repeating). Order matters: first export the change log and domain rows to a
 * JSON file, then move the replica's files aside (never delete them), then
 * rebuild from the primary and re-apply every edit the primary lacks. Edits are
 * rows of the insert-only `changes` log, so re-applying is an INSERT OR IGNORE
 * plus a projection of the touched records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect } from '@tursodatabase/sync';
import type { Db, Queryable } from '../db/database.js';
import { REPLICA_FILE_SUFFIXES } from '../db/replica.js';
import type { EntityRegistry } from '../changes/entity.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files.js';
import type { ChangeRow } from '../changes/projection.js';
import { FOLD_COLUMNS, type FoldRow } from '../changes/folds.js';
import { reconcileRecords } from './reconcile.js';
import { databaseFileDamage } from './replica-damage.js';
import { syncStatePath } from './sync-state-file.js';

export interface FoldWorkerRow {
  id: string;
  device_id: string;
  actor: string;
  hlc: string;
  created_at: string;
}

export interface ChangeLogExport {
  exportedAt: string;
  deviceId: string;
  changes: ChangeRow[];
  /** Compaction's folds (they stand for change rows no longer in `changes`); absent in exports made before compaction existed. */
  folds?: FoldRow[];
  /** Who made folded edits, once per device (`fold_workers`, migration 9); absent in older exports. */
  foldWorkers?: FoldWorkerRow[];
  /** Domain rows by table, as they were, for support and manual recovery. */
  rows: Record<string, Record<string, unknown>[]>;
}

export function recoveryDir(replicaPath: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(replicaPath), `recovery-${stamp}`);
}

export async function readChangeLog(db: Queryable, registry: EntityRegistry, deviceId: string): Promise<ChangeLogExport> {
  const changes = await db.all<ChangeRow>(
    'SELECT id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes ORDER BY hlc, id',
  );
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const name of registry.names()) {
    const spec = registry.get(name)!;
    try {
      rows[spec.table] = await db.all(`SELECT * FROM ${spec.table}`);
    } catch {
      // A table this replica never created (older schema): nothing to keep.
    }
  }
  let folds: FoldRow[] = [];
  try {
    folds = await db.all<FoldRow>(`SELECT ${FOLD_COLUMNS} FROM change_folds ORDER BY id`);
  } catch {
    // A replica from before compaction has no folds table.
  }
  let foldWorkers: FoldWorkerRow[] = [];
  try {
    foldWorkers = await db.all<FoldWorkerRow>('SELECT id, device_id, actor, hlc, created_at FROM fold_workers ORDER BY id');
  } catch {
    // A replica from before migration 9 has no such table.
  }
  return { exportedAt: new Date().toISOString(), deviceId, changes, folds, foldWorkers, rows };
}

/**
 * Insert the exported folds the new replica lacks and project their records.
 * A fold the primary already merged into a newer one only repeats what that
 * one holds: max-by-stamp is idempotent, so it changes no value.
 */
export async function reapplyFolds(db: Db, registry: EntityRegistry, folds: readonly FoldRow[], foldWorkers: readonly FoldWorkerRow[] = []): Promise<number> {
  // The people list names folded edits' workers from these: a compaction not yet pushed must not lose them.
  // Insert-only rows with their own ids, so re-inserting what the primary already holds changes nothing.
  if (foldWorkers.length > 0) {
    await db.transaction(async (tx) => {
      for (const w of foldWorkers) {
        await tx.run('INSERT OR IGNORE INTO fold_workers (id, device_id, actor, hlc, created_at) VALUES (?, ?, ?, ?, ?)', [w.id, w.device_id, w.actor, w.hlc, w.created_at]);
      }
    });
  }
  let inserted = 0;
  const touched = new Map<string, Set<string>>();
  for (let i = 0; i < folds.length; i += 200) {
    const batch = folds.slice(i, i + 200);
    inserted += await db.transaction(async (tx) => {
      let n = 0;
      for (const f of batch) {
        const result = await tx.run(`INSERT OR IGNORE INTO change_folds (${FOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          f.id, f.entity, f.entity_id, f.device_id, f.fields, f.has_create, f.first_hlc, f.last_hlc, f.weight, f.archive, f.created_at,
        ]);
        if (result.changes > 0) {
          n += 1;
          touched.set(f.entity, (touched.get(f.entity) ?? new Set<string>()).add(f.entity_id));
        }
      }
      return n;
    });
  }
  await reconcileRecords(db, registry, touched);
  return inserted;
}

export function writeExport(dir: string, data: ChangeLogExport): string {
  makePrivateDir(dir);
  const file = path.join(dir, 'change-log-export.json');
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)), { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
  return file;
}

/**
 * Read the change log out of replica files the engine refuses to open as a
 * replica (e.g. damaged sync metadata): copy the database and its WAL and open
 * the copy local-only. Returns null when the data itself is unreadable.
 */
export async function salvageFromFiles(
  replicaPath: string,
  scratchDir: string,
  registry: EntityRegistry,
  deviceId: string,
): Promise<ChangeLogExport | null> {
  // Measured: opening a file that is not a database at all hangs the engine, and a truncated one panics it.
  if (databaseFileDamage(replicaPath)) return null;
  const copy = path.join(scratchDir, 'salvage.db');
  makePrivateDir(scratchDir);
  try {
    fs.copyFileSync(replicaPath, copy);
    if (fs.existsSync(`${replicaPath}-wal`)) fs.copyFileSync(`${replicaPath}-wal`, `${copy}-wal`);
    const database = await withTimeout(connect({ path: copy, url: () => null }), SALVAGE_TIMEOUT_MS);
    try {
      const conn = database as unknown as { prepare(sql: string): Promise<{ all(...p: unknown[]): Promise<unknown[]> }> };
      const query: Queryable = {
        all: async <T>(sql: string) => (await (await conn.prepare(sql)).all()) as T[],
        get: async () => undefined,
        run: async () => ({ changes: 0 }),
        exec: async () => undefined,
      };
      return await withTimeout(readChangeLog(query, registry, deviceId), SALVAGE_TIMEOUT_MS);
    } finally {
      await withTimeout(database.close(), SALVAGE_TIMEOUT_MS).catch(() => undefined);
    }
  } catch {
    return null;
  } finally {
    for (const suffix of REPLICA_FILE_SUFFIXES) fs.rmSync(`${copy}${suffix}`, { force: true });
  }
}

const SALVAGE_TIMEOUT_MS = 15_000;
/** Salvage is best effort: a damaged file must not hang the rebuild. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`salvage did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Move every file of the replica (and its local sync state) into `dir`. */
export function moveReplicaAside(replicaPath: string, dir: string): string[] {
  const target = path.join(dir, 'damaged');
  makePrivateDir(target);
  const moved: string[] = [];
  for (const file of [...REPLICA_FILE_SUFFIXES.map((s) => `${replicaPath}${s}`), syncStatePath(replicaPath)]) {
    if (!fs.existsSync(file)) continue;
    fs.renameSync(file, path.join(target, path.basename(file)));
    moved.push(file);
  }
  return moved;
}

/** Undo moveReplicaAside when the rebuild could not even start. */
export function moveReplicaBack(replicaPath: string, dir: string, moved: readonly string[]): void {
  for (const file of moved) fs.renameSync(path.join(dir, 'damaged', path.basename(file)), file);
}

/** Insert the exported changes the new replica lacks and project the records they touch. */
export async function reapplyChanges(db: Db, registry: EntityRegistry, changes: readonly ChangeRow[]): Promise<number> {
  let inserted = 0;
  const touched = new Map<string, Set<string>>();
  const BATCH = 500;
  for (let i = 0; i < changes.length; i += BATCH) {
    const batch = changes.slice(i, i + BATCH);
    inserted += await db.transaction(async (tx) => {
      let n = 0;
      for (const c of batch) {
        const result = await tx.run(
          `INSERT OR IGNORE INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [c.id, c.entity, c.entity_id, c.kind, c.hlc, c.device_id, c.actor, c.fields, c.created_at],
        );
        if (result.changes > 0) {
          n += 1;
          const ids = touched.get(c.entity) ?? new Set<string>();
          ids.add(c.entity_id);
          touched.set(c.entity, ids);
        }
      }
      return n;
    });
  }
  await reconcileRecords(db, registry, touched);
  return inserted;
}
