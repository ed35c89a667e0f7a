/**
 * A workspace backup in one file: a consistent snapshot of the replica plus
 * its edit journal (the edits no database has confirmed yet), behind a
 * manifest with the schema version, row counts and sha256 checksums.
 *
 * Layout: "FIELDBOOK-BACKUP\n", the manifest's length (uint32 BE) and sha256
 * (32 bytes), the manifest (JSON), then each part's bytes in manifest order.
 *
 * The snapshot is `VACUUM INTO` (measured: the engine supports it) run while
 * the Core's write lock is held, so no edit is half-way between the replica
 * and the journal (the journal is appended inside that lock). Files are
 * written to a temp name and renamed, so a crash leaves no half backup and no
 * half-imported workspace.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../../migrations/index.js';
import { AppError } from '../../../shared/errors.js';
import { REPLICA_FILE, type Core } from '../app-core.js';
import type { Queryable, SqlValue } from '../db/database.js';
import { afterKey, afterParams, quoteName, withoutRowid } from '../db/keyset-pages.js';
import { migrate, schemaVersion } from '../db/migrate.js';
import { openReplica, REPLICA_FILE_SUFFIXES } from '../db/replica.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files.js';
import { journalPath } from '../journal/edit-journal.js';
import { yieldToLoop } from '../sync/yield.js';
import { unpushedEdits } from './unpushed-edits.js';

export const BACKUP_SUFFIX = '.fieldbook-backup';
const MAGIC = Buffer.from('FIELDBOOK-BACKUP\n', 'latin1');
export const BACKUP_FORMAT = 1;
const SNAPSHOT_PART = 'replica.db';
const JOURNAL_PART = 'edits.journal';
/** Rows copied per transaction on import, with a yield between: a big workspace must not hold the main process. */
const COPY_SLICE = 500;

export interface BackupPart {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: number;
  app: 'fieldbook';
  createdAt: string;
  schemaVersion: number;
  workspace: { name: string; kind: string };
  /** Rows per table in the snapshot. */
  counts: Record<string, number>;
  unpushedEdits: number;
  parts: BackupPart[];
}

/** The replica's own tables: every table but the engine's and SQLite's bookkeeping (and the migrations' record). */
export async function appTables(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  return rows.map((r) => r.name).filter((n) => !/^(sqlite_|turso_|__turso)/.test(n) && n !== 'schema_migrations');
}

async function countRows(db: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await appTables(db)) {
    const row = await db.get<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function syncAndClose(fd: number): void {
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a plain SQLite file (a snapshot) with the engine, local-only, in its own folder. */
async function openSnapshot(file: string) {
  return openReplica({ path: file, remote: () => null });
}

function removeReplicaFiles(file: string): void {
  for (const suffix of REPLICA_FILE_SUFFIXES) fs.rmSync(`${file}${suffix}`, { force: true });
}

export interface ExportOutcome {
  file: string;
  bytes: number;
  counts: Record<string, number>;
  journal: { count: number; lastId: string | null };
}

export async function exportWorkspace(core: Core, file: string, workspace: { name: string; kind: string }): Promise<ExportOutcome> {
  const dir = path.dirname(file);
  makePrivateDir(dir);
  const work = fs.mkdtempSync(path.join(dir, '.export-'));
  try {
    const snapshot = path.join(work, SNAPSHOT_PART);
    const journalCopy = path.join(work, JOURNAL_PART);
    const workspaceDir = path.dirname(core.replica.path);
    // One moment for both: no app transaction (and so no journal append) runs meanwhile.
    const journal = await core.replica.db.exclusive(async () => {
      await core.replica.db.all(`VACUUM INTO '${snapshot.replaceAll("'", "''")}'`);
      const source = journalPath(path.join(workspaceDir, REPLICA_FILE));
      if (fs.existsSync(source)) fs.copyFileSync(source, journalCopy);
      else fs.writeFileSync(journalCopy, Buffer.alloc(0));
      return unpushedEdits(workspaceDir);
    });
    const db = await openSnapshot(snapshot);
    let counts: Record<string, number>;
    let version: number;
    try {
      counts = await countRows(db.db);
      version = await schemaVersion(db.db);
    } finally {
      await db.close();
    }
    // The engine added its own files beside the snapshot; only the database file is the snapshot.
    for (const suffix of REPLICA_FILE_SUFFIXES.filter((s) => s !== '')) fs.rmSync(`${snapshot}${suffix}`, { force: true });
    const parts: BackupPart[] = [snapshot, journalCopy].map((p, i) => ({
      name: i === 0 ? SNAPSHOT_PART : JOURNAL_PART,
      bytes: fs.statSync(p).size,
      sha256: sha256File(p),
    }));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      app: 'fieldbook',
      createdAt: new Date().toISOString(),
      schemaVersion: version,
      workspace,
      counts,
      unpushedEdits: journal.count,
      parts,
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(manifestBytes.length, 0);
    const tmp = `${file}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      fs.writeSync(fd, Buffer.concat([MAGIC, head, crypto.createHash('sha256').update(manifestBytes).digest(), manifestBytes]));
      for (const p of [snapshot, journalCopy]) fs.writeSync(fd, fs.readFileSync(p));
    } finally {
      syncAndClose(fd);
    }
    fs.renameSync(tmp, file);
    return { file, bytes: fs.statSync(file).size, counts, journal };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function damaged(file: string, why: string): AppError {
  return new AppError('INVALID_INPUT', `The backup ${path.basename(file)} cannot be restored: ${why}. Nothing was changed.`, 'file');
}

/** Reads and checks the manifest; the parts' checksums are checked as they are extracted. */
export function readManifest(file: string): { manifest: BackupManifest; dataStart: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(MAGIC.length + 4 + 32);
    if (size < head.length || fs.readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw damaged(file, 'it is not a Fieldbook backup file');
    }
    const length = head.readUInt32BE(MAGIC.length);
    if (length > 16 * 1024 * 1024 || head.length + length > size) throw damaged(file, 'it is cut short (the description of its contents is incomplete)');
    const manifestBytes = Buffer.alloc(length);
    fs.readSync(fd, manifestBytes, 0, length, head.length);
    const expected = head.subarray(MAGIC.length + 4);
    if (!crypto.createHash('sha256').update(manifestBytes).digest().equals(expected)) throw damaged(file, 'its description of contents is damaged');
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
    } catch {
      throw damaged(file, 'its description of contents is damaged');
    }
    if (manifest.app !== 'fieldbook' || !Array.isArray(manifest.parts)) throw damaged(file, 'it is not a Fieldbook backup file');
    if (manifest.format !== BACKUP_FORMAT) throw damaged(file, `it was written in backup format ${manifest.format}, and this Fieldbook reads format ${BACKUP_FORMAT}; update Fieldbook`);
    if (!(Number.isInteger(manifest.schemaVersion) && manifest.schemaVersion >= 0)) throw damaged(file, 'its schema version is missing');
    if (manifest.schemaVersion > MIGRATIONS.length) {
      throw damaged(file, `it comes from a newer Fieldbook (database version ${manifest.schemaVersion}, this one knows ${MIGRATIONS.length}); update Fieldbook first`);
    }
    const names = manifest.parts.map((p) => p.name).sort();
    if (names.join(',') !== [JOURNAL_PART, SNAPSHOT_PART].sort().join(',')) throw damaged(file, 'it does not hold a database and an edit journal');
    const total = manifest.parts.reduce((sum, p) => sum + p.bytes, 0);
    if (head.length + length + total !== size) throw damaged(file, `it is ${size} bytes, and its contents say ${head.length + length + total}: the file is cut short or has extra bytes`);
    return { manifest, dataStart: head.length + length };
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies one part out of the backup, checking its sha256 on the way. */
function extractPart(file: string, offset: number, part: BackupPart, out: string): void {
  const src = fs.openSync(file, 'r');
  const dst = fs.openSync(out, 'w', PRIVATE_FILE_MODE);
  const hash = crypto.createHash('sha256');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let done = 0;
    while (done < part.bytes) {
      const read = fs.readSync(src, buffer, 0, Math.min(buffer.length, part.bytes - done), offset + done);
      if (read <= 0) throw damaged(file, `its ${part.name} is cut short`);
      hash.update(buffer.subarray(0, read));
      fs.writeSync(dst, buffer, 0, read);
      done += read;
    }
  } finally {
    fs.closeSync(src);
    syncAndClose(dst);
  }
  if (hash.digest('hex') !== part.sha256) throw damaged(file, `its ${part.name === SNAPSHOT_PART ? 'database' : 'edit journal'} does not match its checksum (the file is damaged)`);
}

/** Prefix of the cursor columns each slice selects beside the row (and does not copy); no table of ours has such a column. */
const KEY_PREFIX = '__fieldbook_copy_key';

/** The columns a table is paged by: its rowid, or for a WITHOUT ROWID table its primary key. */
async function pageKey(db: Queryable, table: string): Promise<string[]> {
  const schema = await db.get<{ sql: string | null }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]);
  if (!withoutRowid(schema?.sql)) return ['rowid'];
  const columns = await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table]);
  return columns.map((c) => quoteName(c.name));
}

/**
 * Every row of every table of `from`, copied into the same tables of `to` in
 * slices, each after the previous one's last key (db/keyset-pages.ts). The
 * key is selected under its own names and not copied (a rowid is the
 * target's own to give).
 */
async function copyRows(from: Queryable, to: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, tables: string[]): Promise<void> {
  for (const table of tables) {
    const key = await pageKey(from, table);
    const keyNames = key.map((_, i) => `${KEY_PREFIX}${i}`);
    const selected = key.map((column, i) => `${column} AS ${keyNames[i]}`).join(', ');
    let after: SqlValue[] | null = null;
    for (;;) {
      const rows: Record<string, SqlValue>[] = await from.all<Record<string, SqlValue>>(
        `SELECT ${selected}, * FROM "${table}"${after ? ` WHERE ${afterKey(key)}` : ''} ORDER BY ${key.join(', ')} LIMIT ?`,
        [...(after ? afterParams(after) : []), COPY_SLICE],
      );
      if (rows.length === 0) break;
      const columns = Object.keys(rows[0]!).filter((c) => !c.startsWith(KEY_PREFIX));
      const sql = `INSERT OR REPLACE INTO "${table}" (${columns.map(quoteName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      await to.transaction(async (tx) => {
        for (const row of rows) await tx.run(sql, columns.map((c) => row[c] ?? null));
      });
      const last = rows[rows.length - 1]!;
      after = keyNames.map((name) => last[name] ?? null);
      if (rows.length < COPY_SLICE) break;
      await yieldToLoop();
    }
  }
}

/**
 * Restores a backup into `targetDir` (which must not exist): the rows go into
 * a new, local-only replica (so they are pushed like any local edit once the
 * workspace is pointed at a database), the journal beside it. Built in a temp
 * folder and renamed into place only when every count matches the manifest.
 */
export async function importBackup(file: string, targetDir: string): Promise<BackupManifest> {
  const { manifest, dataStart } = readManifest(file);
  if (fs.existsSync(targetDir)) throw new Error(`${targetDir} already exists`);
  const staging = `${targetDir}.importing-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  makePrivateDir(staging);
  try {
    const parts = new Map(manifest.parts.map((p) => [p.name, p]));
    let offset = dataStart;
    const paths = new Map<string, string>();
    for (const part of manifest.parts) {
      const out = path.join(staging, part.name === SNAPSHOT_PART ? 'snapshot.db' : 'fieldbook.journal');
      extractPart(file, offset, part, out);
      paths.set(part.name, out);
      offset += part.bytes;
    }
    if (!parts.has(SNAPSHOT_PART)) throw damaged(file, 'it holds no database');
    const snapshot = await openSnapshot(paths.get(SNAPSHOT_PART)!).catch(() => {
      throw damaged(file, 'its database cannot be opened');
    });
    const replica = await openReplica({ path: path.join(staging, REPLICA_FILE), remote: () => null });
    try {
      await migrate(replica.db, MIGRATIONS);
      const tables = await appTables(snapshot.db);
      const known = new Set(await appTables(replica.db));
      const unknown = tables.filter((t) => !known.has(t));
      if (unknown.length > 0) throw damaged(file, `it holds tables this Fieldbook does not know (${unknown.join(', ')})`);
      const missing = Object.keys(manifest.counts).filter((t) => !tables.includes(t));
      if (missing.length > 0) throw damaged(file, `its database lacks tables its manifest lists (${missing.join(', ')})`);
      await copyRows(snapshot.db, replica.db, tables);
      const counts = await countRows(replica.db);
      for (const [table, n] of Object.entries(manifest.counts)) {
        if (counts[table] !== n) throw damaged(file, `its table ${table} holds ${counts[table] ?? 0} rows, and its manifest says ${n}`);
      }
      await replica.checkpoint();
    } finally {
      await replica.close();
      await snapshot.close();
    }
    removeReplicaFiles(paths.get(SNAPSHOT_PART)!);
    fs.renameSync(staging, targetDir);
    return manifest;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
