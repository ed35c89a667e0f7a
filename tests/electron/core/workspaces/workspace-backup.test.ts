/**
 * Export and import of a workspace backup through the real handlers: the
 * round trip gives back every row of every table, the restored workspace is
 * local-only, and damaged or mismatched files are refused in plain words with
 * nothing added.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/app-core.js';
import { appTables } from '../../../../electron/core/workspaces/workspace-backup.js';
import type { WorkspaceManager } from '../../../../electron/core/workspaces/workspace-manager.js';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { WorkspaceExportResult, WorkspaceSummary } from '../../../../shared/domain/workspace.js';
import { call, refusal, startTestWorkspaces } from '../../../helpers/workspaces.js';

/** Every row of every app table, as sorted JSON lines per table (rowids are the engine's business). */
async function everyRow(core: Core): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await appTables(core.replica.db)) {
    const rows = await core.replica.db.all<Record<string, unknown>>(`SELECT * FROM "${table}"`);
    out[table] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).sort();
  }
  return out;
}

async function busyWorkspace(manager: WorkspaceManager): Promise<void> {
  await call(manager, 'profile.set', { name: 'Alex Field' });
  await call(manager, 'workspace.openDemo');
  const { items } = await call<{ items: Job[] }>(manager, 'jobs.list', {});
  for (const [i, job] of items.entries()) {
    await call(manager, 'jobs.update', { id: job.id, title: `${job.title} — revised ${i}`, description: 'Zähler “ØRSTED” 😀' });
    await call(manager, 'notes.add', { jobId: job.id, body: `Note ${i}` });
  }
  await call(manager, 'jobs.delete', { id: items[0]!.id });
  for (let i = 0; i < 300; i++) await call(manager, 'jobs.create', { title: `Bulk job ${i}` });
}

const backupPath = (manager: WorkspaceManager, file: string) => path.join(manager.settings.dataDir, 'backups', file);

/** Rewrites a backup's manifest (with a valid checksum), to make files that are well-formed but wrong. */
function rewriteManifest(file: string, change: (manifest: Record<string, unknown>) => void): void {
  const data = fs.readFileSync(file);
  const magic = 'FIELDBOOK-BACKUP\n'.length;
  const length = data.readUInt32BE(magic);
  const start = magic + 4 + 32;
  const manifest = JSON.parse(data.subarray(start, start + length).toString('utf8'));
  change(manifest);
  const bytes = Buffer.from(JSON.stringify(manifest));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(bytes.length);
  fs.writeFileSync(file, Buffer.concat([data.subarray(0, magic), head, crypto.createHash('sha256').update(bytes).digest(), bytes, data.subarray(start + length)]));
}

/** Rewrites a backup's database part through `change` (plain SQLite), with the manifest's counts, size and checksum to match. */
function rewriteSnapshot(file: string, work: string, change: (db: Database.Database) => void): void {
  const data = fs.readFileSync(file);
  const magic = 'FIELDBOOK-BACKUP\n'.length;
  const length = data.readUInt32BE(magic);
  const start = magic + 4 + 32;
  const manifest = JSON.parse(data.subarray(start, start + length).toString('utf8')) as {
    counts: Record<string, number>;
    parts: { name: string; bytes: number; sha256: string }[];
  };
  let offset = start + length;
  const parts = manifest.parts.map((part) => {
    const bytes = data.subarray(offset, offset + part.bytes);
    offset += part.bytes;
    if (part.name !== 'replica.db') return bytes;
    const snapshot = path.join(work, 'snapshot.db');
    fs.writeFileSync(snapshot, bytes);
    const db = new Database(snapshot);
    change(db);
    for (const table of Object.keys(manifest.counts)) manifest.counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    db.close();
    const changed = fs.readFileSync(snapshot);
    Object.assign(part, { bytes: changed.length, sha256: crypto.createHash('sha256').update(changed).digest('hex') });
    return changed;
  });
  const bytes = Buffer.from(JSON.stringify(manifest));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(bytes.length);
  fs.writeFileSync(file, Buffer.concat([data.subarray(0, magic), head, crypto.createHash('sha256').update(bytes).digest(), bytes, ...parts]));
}

describe('workspace backup', () => {
  it('round trip: the restored workspace holds every row of every table, local-only', { timeout: 120_000 }, async () => {
    const manager = await startTestWorkspaces();
    await busyWorkspace(manager);
    const source = manager.current;
    const before = await everyRow(source);
    expect(before.jobs!.length).toBe(306);
    expect(before.changes!.length).toBeGreaterThan(306);

    const exported = await call<WorkspaceExportResult>(manager, 'workspace.export', {});
    expect(path.dirname(exported.file)).toBe(path.join(manager.settings.dataDir, 'backups'));
    expect(exported.counts.jobs).toBe(306);
    expect(exported.unpushedEdits).toBeGreaterThan(300);
    expect(fs.readdirSync(path.dirname(exported.file)).filter((f) => f.includes('.tmp') || f.startsWith('.export'))).toEqual([]);

    const backups = await call<{ file: string }[]>(manager, 'workspace.backups');
    expect(backups.map((b) => b.file)).toEqual([path.basename(exported.file)]);
    const restored = await call<WorkspaceSummary>(manager, 'workspace.import', { file: backups[0]!.file });
    expect(restored).toMatchObject({ name: 'Demo (restored)', kind: 'team', url: null, current: false });
    // A second restore of the same file gets a name of its own.
    const twice = await call<WorkspaceSummary>(manager, 'workspace.import', { file: backups[0]!.file });
    expect(twice.name).toBe('Demo (restored 2)');

    await call(manager, 'workspace.switch', { id: restored.id });
    expect(manager.current).not.toBe(source);
    expect(await everyRow(manager.current)).toEqual(before);
    expect((await call<{ state: string }>(manager, 'sync.status')).state).toBe('not_configured');
    // The journal came along: the restored workspace still knows which edits no database has.
    const demo = (await call<WorkspaceSummary[]>(manager, 'workspace.list')).find((w) => w.kind === 'demo')!;
    await call(manager, 'workspace.switch', { id: demo.id });
    const kept = await refusal(manager, 'workspace.remove', { id: restored.id });
    expect(kept.message).toMatch(new RegExp(`${exported.unpushedEdits} edits not yet on its database`));
  });

  it('refuses damaged, cut, foreign and newer backups in plain words, adding nothing', { timeout: 120_000 }, async () => {
    const manager = await startTestWorkspaces();
    await call(manager, 'jobs.create', { title: 'To be backed up' });
    const exported = await call<WorkspaceExportResult>(manager, 'workspace.export', {});
    const good = fs.readFileSync(exported.file);
    const variant = (name: string, bytes: Buffer) => {
      fs.writeFileSync(backupPath(manager, name), bytes);
      return name;
    };
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    const cases: [string, RegExp][] = [
      [variant('flipped.fieldbook-backup', flipped), /does not match its checksum/],
      [variant('cut.fieldbook-backup', good.subarray(0, good.length - 500)), /cut short/],
      [variant('foreign.fieldbook-backup', Buffer.from('SQLite format 3\0 and more bytes than the header needs')), /not a Fieldbook backup/],
    ];
    const newer = variant('newer.fieldbook-backup', good);
    rewriteManifest(backupPath(manager, newer), (m) => (m.schemaVersion = 999));
    cases.push([newer, /newer Fieldbook/]);
    const miscounted = variant('miscounted.fieldbook-backup', good);
    rewriteManifest(backupPath(manager, miscounted), (m) => ((m.counts as Record<string, number>).jobs = 2));
    cases.push([miscounted, /table jobs holds 1 rows, and its manifest says 2/]);

    for (const [file, why] of cases) {
      const error = await refusal(manager, 'workspace.import', { file });
      expect(error.code, file).toBe('INVALID_INPUT');
      expect(error.message, file).toMatch(why);
      expect(error.message, file).toMatch(/Nothing was changed/);
    }
    expect(await refusal(manager, 'workspace.import', { file: '../settings.json' })).toMatchObject({ code: 'INVALID_INPUT', field: 'file' });
    expect(await call<WorkspaceSummary[]>(manager, 'workspace.list')).toHaveLength(1);
    expect(fs.readdirSync(path.join(manager.settings.dataDir, 'workspaces'))).toHaveLength(1);
  });

  it('restores, slice by slice, a table the snapshot holds WITHOUT ROWID (paged by its primary key, not its rowid)', { timeout: 120_000 }, async () => {
    const manager = await startTestWorkspaces();
    await call(manager, 'profile.set', { name: 'Alex Field' });
    const job = await call<Job>(manager, 'jobs.create', { title: 'Kept' });
    const before = await everyRow(manager.current);
    const exported = await call<WorkspaceExportResult>(manager, 'workspace.export', {});
    const work = fs.mkdtempSync(path.join(manager.settings.dataDir, 'rewrite-'));
    const added: string[] = [];
    rewriteSnapshot(exported.file, work, (db) => {
      const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'changes'").get() as { sql: string }).sql;
      db.exec(`${sql.replace(/^CREATE TABLE changes/, 'CREATE TABLE changes_keyed')} WITHOUT ROWID;
        INSERT INTO changes_keyed SELECT * FROM changes; DROP TABLE changes; ALTER TABLE changes_keyed RENAME TO changes;`);
      // More rows than three copy slices (500), inserted out of key order.
      // Each row's stamps are the job's own (a change row's fields imply its created_at and actor as
      // updatedAt/updatedBy), so the restored projection is the job as it was.
      const insert = db.prepare("INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES (?, 'job', ?, 'update', ?, 'd', ?, '{}', ?)");
      for (let i = 0; i < 1_600; i++) {
        added.push(`z${String((i * 7919) % 1_600).padStart(5, '0')}`);
        insert.run(added[i], job.id, `h${i}`, job.updatedBy, job.updatedAt);
      }
    });
    fs.rmSync(work, { recursive: true, force: true });

    const restored = await call<WorkspaceSummary>(manager, 'workspace.import', { file: path.basename(exported.file) });
    await call(manager, 'workspace.switch', { id: restored.id });
    const { changes, ...rest } = await everyRow(manager.current);
    const { changes: changesBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    const ids = (changes ?? []).map((line) => (JSON.parse(line) as { id: string }).id).sort();
    expect(ids).toEqual([...(changesBefore ?? []).map((line) => (JSON.parse(line) as { id: string }).id), ...added].sort());
    expect(changes).toEqual(expect.arrayContaining(changesBefore ?? []));
  });
});
