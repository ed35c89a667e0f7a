/**
 * The status the worker sees is true: pending counts follow edits and pushes,
 * "Offline" shows within seconds of the primary going away, and sync resumes
 * by itself within seconds of it coming back (with the production timings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS } from '../../electron/core/sync/sync-service.js';
import type { ReplicaInfo, SyncStatus } from '../../shared/domain/sync.js';
import type { JobPage } from '../../shared/domain/jobs.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('honest sync status', () => {
  it('pending rises with each offline edit, drops to 0 after the push; offline and resume happen within seconds', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const core = await startTestCore({ primaryUrl: primary.url, syncTimings: DEFAULT_TIMINGS });
    await waitFor('first sync', () => core.sync.status.state === 'up_to_date');

    await primary.stop('SIGKILL');
    const wentAway = Date.now();
    const offline = await waitFor('Offline', async () => {
      const s = await invoke<SyncStatus>(core, 'sync.status');
      return s.state === 'offline' ? s : undefined;
    });
    expect(Date.now() - wentAway).toBeLessThan(6_000);
    expect(offline.lastError).toMatch(/could not be reached/);
    expect(offline.nextRetryAt).not.toBeNull();

    for (let i = 1; i <= 3; i++) {
      await invoke(core, 'jobs.create', { title: `Offline edit ${i}` });
      await waitFor(`pending = ${i}`, () => core.sync.status.pendingChanges === i);
    }

    await startPrimary(dir, primary.port);
    const back = Date.now();
    const synced = await waitFor('sync to resume by itself', () => {
      const s = core.sync.status;
      return s.state === 'up_to_date' && s.pendingChanges === 0 ? s : undefined;
    });
    expect(Date.now() - back).toBeLessThan(6_000);
    expect(synced.lastError).toBeNull();
    expect(synced.lastPushAt).not.toBeNull();
    const rows = await primarySql(primary.url, "SELECT count(*) FROM jobs WHERE title LIKE 'Offline edit%'");
    expect(Number(rows[0]![0])).toBe(3);
  });

  it('a stopped app resumes where it was: pending edits and last sync times survive a restart', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const dataDir = tempDir('fieldbook-data-');
    const first = await startTestCore({ dataDir, primaryUrl: primary.url });
    const before = await waitFor('first sync', () => (first.sync.status.state === 'up_to_date' ? first.sync.status : undefined));
    await primary.stop('SIGKILL');
    await first.sync.stop();
    await invoke(first, 'jobs.create', { title: 'Written before quitting' });
    await first.close();

    const again = await startPrimary(dir, primary.port);
    const second = await startTestCore({ dataDir, primaryUrl: again.url });
    expect(second.sync.status.lastPullAt).toBe(before.lastPullAt);
    const replicas = await invoke<ReplicaInfo[]>(second, 'sync.replicas');
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ current: true });
    expect(replicas[0]!.sizeBytes).toBeGreaterThan(0);
    await waitFor('pending edit pushed after restart', () => second.sync.status.state === 'up_to_date' && second.sync.status.pendingChanges === 0);
    const rows = await primarySql(again.url, "SELECT count(*) FROM jobs WHERE title = 'Written before quitting'");
    expect(Number(rows[0]![0])).toBe(1);
  });

  it('a replica that first ran offline joins a primary that already has data', async () => {
    const primary = await startPrimary();
    const veteran = await startTestCore({ primaryUrl: primary.url });
    for (let i = 0; i < 5; i++) await invoke(veteran, 'jobs.create', { title: `Existing ${i}` });
    await veteran.sync.syncNow();

    const newcomer = await startTestCore();
    await invoke(newcomer, 'jobs.create', { title: 'Made before any connection' });
    expect((await invoke<SyncStatus>(newcomer, 'sync.status')).state).toBe('not_configured');
    await invoke(newcomer, 'settings.setConnection', { url: primary.url });
    await waitFor('newcomer synced', () => newcomer.sync.status.state === 'up_to_date' && newcomer.sync.status.pendingChanges === 0);
    await veteran.sync.syncNow();

    const titles = async (core: typeof veteran) =>
      (await invoke<JobPage>(core, 'jobs.list', { limit: 100 })).items.map((j) => j.title).sort();
    const expected = ['Existing 0', 'Existing 1', 'Existing 2', 'Existing 3', 'Existing 4', 'Made before any connection'];
    expect(await titles(newcomer)).toEqual(expected);
    expect(await titles(veteran)).toEqual(expected);
    const versions = await primarySql(primary.url, 'SELECT count(*) FROM schema_migrations');
    expect(Number(versions[0]![0])).toBeGreaterThan(0);
  });

  it('a primary that keeps missing synced edits is retried with growing delays, and Repair is offered on the 4th failure in a row', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const failing = { baseMs: 200, maxMs: 1_600 };
    const core = await startTestCore({ primaryUrl: primary.url, syncTimings: { failing, wedgedAfter: 4 } });
    await invoke(core, 'jobs.create', { title: 'Synced before the reset' });
    await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);

    const failures: { delayMs: number; needsRepair: boolean; lastError: string }[] = [];
    let lastRetryAt: string | null = null;
    core.events.on((event, payload) => {
      if (event !== 'sync.statusChanged') return;
      const status = payload as SyncStatus;
      if (status.state !== 'error' || !status.nextRetryAt || status.nextRetryAt === lastRetryAt) return;
      lastRetryAt = status.nextRetryAt;
      failures.push({ delayMs: Date.parse(status.nextRetryAt) - Date.now(), needsRepair: status.needsRepair, lastError: status.lastError ?? '' });
    });
    await primary.stop('SIGKILL');
    for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
    await startPrimary(dir, primary.port);

    await waitFor('repair offered', () => failures.some((f) => f.needsRepair), 20_000);
    const lost = failures.filter((f) => /primary has lost 1 edit/.test(f.lastError));
    const run = lost.slice(0, lost.findIndex((f) => f.needsRepair) + 1);
    expect(run.map((f) => f.needsRepair)).toEqual([false, false, false, true]);
    // Full jitter: each delay lies in the upper half of a ceiling that doubles from 200 ms.
    run.forEach((failure, i) => {
      const ceiling = Math.min(failing.maxMs, failing.baseMs * 2 ** i);
      expect(failure.delayMs, `delay ${i + 1}`).toBeGreaterThanOrEqual(ceiling / 2 - 20);
      expect(failure.delayMs, `delay ${i + 1}`).toBeLessThanOrEqual(ceiling + 1);
    });
    expect(run[3]!.lastError).toMatch(/4 times in a row/);
    expect(run[3]!.lastError).toMatch(/Repair/);
    expect(core.sync.status.needsRepair).toBe(true);
  });
});
