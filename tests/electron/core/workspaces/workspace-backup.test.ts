/**
 * Export and import of a workspace backup through the real handlers: the
 * round trip gives back every row of every table, the restored workspace is
 * local-only, and damaged or mismatched files are refused in plain words with
 * nothing added.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
});
