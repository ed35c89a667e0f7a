/**
 * A wedged replica: damaged files or an engine error that keeps repeating.
 * Unpushed edits are exported before any file is touched, damaged files are
 * moved aside (never deleted), and the rebuilt replica gets them back.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLICA_FILE, type Core } from '../../electron/core/app-core.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import type { ChangeLogExport } from '../../electron/core/sync/repair.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { RepairReport } from '../../shared/domain/sync.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { edit, jobRow } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

function replicaFile(core: Core): string {
  return path.join(core.settings.workspaceDir(core.settings.current.currentWorkspaceId), REPLICA_FILE);
}

function recoveryDirs(core: Core): string[] {
  const dir = path.dirname(replicaFile(core));
  return fs.readdirSync(dir).filter((name) => name.startsWith('recovery-')).map((name) => path.join(dir, name));
}

function damage(file: string): void {
  fs.writeFileSync(file, 'this is not what the engine wrote');
}

/** A synced job plus two edits the primary has not seen. */
async function withUnpushedEdits(core: Core): Promise<{ synced: Job; unpushed: Job }> {
  const synced = await invoke<Job>(core, 'jobs.create', { title: 'Synced job' });
  expect((await core.sync.syncNow()).state).toBe('up_to_date');
  await core.sync.stop();
  const unpushed = await invoke<Job>(core, 'jobs.create', { title: 'Unpushed job' });
  await edit(core, 'job', synced.id, 'update', { title: 'Renamed while unpushed' });
  return { synced, unpushed };
}

async function expectOnPrimary(url: string, titles: string[]) {
  const rows = await primarySql(url, 'SELECT title FROM jobs ORDER BY title');
  expect(rows.map((r) => r[0])).toEqual(titles);
}

describe('recovery from a wedged replica', () => {
  it('damaged replica files at start-up: edits exported, files moved aside, replica rebuilt with the unpushed edits', async () => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-data-');
    const first = await startTestCore({ dataDir, primaryUrl: primary.url });
    const { synced, unpushed } = await withUnpushedEdits(first);
    const file = replicaFile(first);
    await first.close();
    damage(`${file}-info`);

    const core = await startTestCore({ dataDir, primaryUrl: primary.url });
    expect(core.sync.status.notice).toMatch(/rebuilt from the primary and 2 edits .* re-applied/);
    expect((await jobRow(core, unpushed.id))?.title).toBe('Unpushed job');
    expect((await jobRow(core, synced.id))?.title).toBe('Renamed while unpushed');

    const [recovery] = recoveryDirs(core);
    expect(recovery).toBeDefined();
    expect(fs.readFileSync(path.join(recovery!, 'damaged', `${REPLICA_FILE}-info`), 'utf8')).toBe('this is not what the engine wrote');
    const exported = JSON.parse(fs.readFileSync(path.join(recovery!, 'change-log-export.json'), 'utf8')) as ChangeLogExport;
    expect(exported.changes.map((c) => c.entity_id)).toContain(unpushed.id);
    expect(exported.rows.jobs!.map((r) => r.title)).toContain('Unpushed job');

    await waitFor('rebuilt replica synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    await expectOnPrimary(primary.url, ['Renamed while unpushed', 'Unpushed job']);
  });

  it('an unreadable database file at start-up: kept aside, rebuilt from the primary, and the notice says what could not be recovered', async () => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-data-');
    const first = await startTestCore({ dataDir, primaryUrl: primary.url });
    await invoke(first, 'jobs.create', { title: 'On the primary' });
    await waitFor('synced', () => first.sync.status.state === 'up_to_date' && first.sync.status.pendingChanges === 0);
    const file = replicaFile(first);
    await first.close();
    damage(file);

    const core = await startTestCore({ dataDir, primaryUrl: primary.url });
    expect(core.sync.status.notice).toMatch(/could not be read/);
    const [recovery] = recoveryDirs(core);
    expect(fs.readFileSync(path.join(recovery!, 'damaged', REPLICA_FILE), 'utf8')).toBe('this is not what the engine wrote');
    const rows = await core.replica.db.all<{ title: string }>('SELECT title FROM jobs');
    expect(rows.map((r) => r.title)).toEqual(['On the primary']);
  });

  it('sync.repair rebuilds a running replica whose files were damaged, keeping the old files and re-applying edits', async () => {
    const primary = await startPrimary();
    const core = await startTestCore({ primaryUrl: primary.url });
    const { unpushed } = await withUnpushedEdits(core);
    damage(`${replicaFile(core)}-info`);

    // Sync is stopped and has not noticed the damage yet: a deliberate rebuild.
    const report = await invoke<RepairReport>(core, 'sync.repair', { force: true });
    expect(report.reapplied).toBe(2);
    expect(report.movedAsideTo).not.toBeNull();
    expect(fs.existsSync(path.join(report.movedAsideTo!, REPLICA_FILE))).toBe(true);
    expect(fs.existsSync(report.exportFile!)).toBe(true);
    expect(core.sync.status.notice).toBe(report.message);
    expect((await jobRow(core, unpushed.id))?.title).toBe('Unpushed job');

    // The rebuilt replica is the one every feature now uses, and it syncs.
    await invoke(core, 'jobs.create', { title: 'After repair' });
    await waitFor('synced after repair', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    await expectOnPrimary(primary.url, ['After repair', 'Renamed while unpushed', 'Unpushed job']);
  });

  it('an engine error that keeps repeating offers a repair and exports the change log; repair against a broken primary loses nothing', async () => {
    // A server that answers the reachability probe but fails every sync request.
    const broken = http.createServer((request, response) => {
      response.statusCode = request.method === 'GET' ? 200 : 500;
      response.end(request.method === 'GET' ? 'ok' : 'internal error');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const { port } = broken.address() as { port: number };
    try {
      const dataDir = tempDir('fieldbook-data-');
      const core = await startTestCore({ dataDir });
      const job = await invoke<Job>(core, 'jobs.create', { title: 'Kept safe' });
      await invoke(core, 'settings.setConnection', { url: `http://127.0.0.1:${port}` });
      const wedged = await waitFor('repair offered', () => (core.sync.status.needsRepair ? core.sync.status : undefined), 20_000);
      expect(wedged.state).toBe('error');
      expect(wedged.lastError).toMatch(/Repair/);
      const exports = recoveryDirs(core).map((dir) => path.join(dir, 'change-log-export.json'));
      expect(exports.some((file) => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(job.id))).toBe(true);

      const result = await core.dispatch('sync.repair', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'SYNC_FAILED' } });
      expect(!result.ok && result.error.message).toMatch(/Nothing was deleted/);
      expect((await jobRow(core, job.id))?.title).toBe('Kept safe');
      expect(fs.existsSync(replicaFile(core))).toBe(true);
    } finally {
      broken.close();
    }
  });

  it('a primary that lost synced data (recreated empty) is noticed instead of reported as up to date, and repair sends it again', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const core = await startTestCore({ primaryUrl: primary.url });
    await invoke(core, 'jobs.create', { title: 'Synced before the reset' });
    await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    await primary.stop('SIGKILL');
    for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
    const fresh = await startPrimary(dir, primary.port);

    const noticed = await waitFor('the loss to be noticed', () => (core.sync.status.needsRepair ? core.sync.status : undefined));
    expect(noticed.state).toBe('error');
    expect(noticed.lastError).toMatch(/primary has lost 1 edit/);

    const report = await invoke<RepairReport>(core, 'sync.repair');
    expect(report.reapplied).toBe(1);
    await waitFor('resent', () => core.sync.status.state === 'up_to_date' && !core.sync.status.needsRepair, 20_000);
    await expectOnPrimary(fresh.url, ['Synced before the reset']);
  });

  it('repair refuses to start while the primary is unreachable, and says why', async () => {
    const primary = await startPrimary();
    const core = await startTestCore({ primaryUrl: primary.url });
    await primary.stop('SIGKILL');
    const result = await core.dispatch('sync.repair', { force: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'SYNC_FAILED' } });
    expect(!result.ok && result.error.message).toMatch(/cannot be reached/);
  });

  it('repair refuses a healthy replica unless forced, and moves nothing aside', async () => {
    const primary = await startPrimary();
    const core = await startTestCore({ primaryUrl: primary.url });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Healthy' });
    await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    const before = fs.readdirSync(path.dirname(replicaFile(core))).sort();

    const refused = await core.dispatch('sync.repair', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toMatch(/Repair is not needed.*nothing was changed.*force: true/);
    expect(recoveryDirs(core)).toEqual([]);
    expect(fs.readdirSync(path.dirname(replicaFile(core))).sort()).toEqual(before);
    expect((await jobRow(core, job.id))?.title).toBe('Healthy');

    const forced = await invoke<RepairReport>(core, 'sync.repair', { force: true });
    expect(forced.movedAsideTo).not.toBeNull();
    expect(recoveryDirs(core)).toHaveLength(1);
  });
});
