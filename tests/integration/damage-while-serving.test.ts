/**
 * A damaged database never takes the app down: the replica's engine runs in
 * its own host process (electron/core/engine-host/). The app is a laptop in
 * its own process (fixtures/laptop.ts, the real core), so a failure of the
 * isolation shows as a dead laptop, not a dead test runner; sync runs against
 * a real local primary.
 *
 * - Pages of fieldbook.db overwritten while the app runs, then jobs read: the
 *   engine host dies (or the engine reports the damage), main stays up and
 *   answers with a clear error, the status offers Repair, and Repair plus the
 *   journal put every offline edit on the primary exactly once.
 * - The host SIGKILLed directly: main survives, the next read starts a new
 *   host, edits and sync go on, and nothing offers Repair.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLICA_FILE } from '../../electron/core/app-core.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import type { SyncStatus } from '../../shared/domain/sync.js';
import { LaptopProcess, type Answer } from '../helpers/laptop-session.js';
import { startPrimary } from '../helpers/primary.js';
import { overwritePages, workspaceDir } from '../helpers/damage.js';
import { tempDir } from '../helpers/temp-dir.js';

const JOBS = 4_000;
const SLOW = { timeout: 300_000 };

/** The engine host processes the laptop started (children of its process running engine-host-child). */
function hostPids(laptop: LaptopProcess): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(laptop.child.pid)], { encoding: 'utf8' });
  } catch (error) {
    // ps exits 1 when the laptop has no child process at all.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
  return out
    .split('\n')
    .filter((line) => line.includes('engine-host-child'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function status(answer: Answer): SyncStatus {
  return answer.status as SyncStatus;
}

async function onPrimary(url: string, ids: string[]): Promise<Map<string, number>> {
  const rows = await primarySql(url, `SELECT id, count(*) FROM changes WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')}) GROUP BY id`);
  return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
}

describe('the engine in its own process', SLOW, () => {
  it('pages overwritten while the app runs: reading jobs fails clearly, main stays up, Repair puts every offline edit on the primary once', async () => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-data-');
    const laptop = new LaptopProcess(dataDir, primary.url);
    const started = await laptop.ok('start');
    expect(started.pid).toBe(laptop.child.pid);
    await laptop.ok(`seed ${JOBS}`);
    expect(status(await laptop.ok('sync', 120_000)).state).toBe('up_to_date');
    // A clean close checkpoints, so the jobs are read from the main file (not from newer copies in the WAL) below.
    await laptop.ok('close');
    await laptop.ok('start');
    const offline = (await laptop.ok('offline-work', 60_000)).offline as string[];
    expect(offline.length).toBeGreaterThanOrEqual(8);
    const [host] = hostPids(laptop);
    expect(host).toBeGreaterThan(0);

    // The disk goes bad under the running app, then the worker searches (the index build reads every job).
    // Spread over the whole file, so the jobs' pages are hit whatever the tables' layout.
    overwritePages(path.join(workspaceDir(dataDir), REPLICA_FILE), Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1)));
    // The engine's page cache may still hold those pages (a small workspace fits in it); once its
    // process is gone (as when the OS reclaims it), the next reads come from the damaged disk.
    process.kill(host!, 'SIGKILL');
    await expect.poll(() => hostPids(laptop).includes(host!), { timeout: 30_000 }).toBe(false);
    const hit = await laptop.send('fresh-search Laptop job 59', 120_000);
    expect(hit.died).toBeUndefined();
    expect(hit).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    // Measured with 0.7.2: the engine either aborts (a Rust panic in pager.rs) or reports the corrupt
    // page ("Invalid page type"), depending on which page it meets first; either way in plain words.
    expect((hit as Answer).message).toMatch(
      /database engine aborted while reading this laptop's copy of the workspace \(.*panicked at.*\).*Repair|copy of the workspace is damaged \(.*\).*Repair/,
    );

    // Main is the same process, still answering, and the status offers Repair.
    const after = status(await laptop.ok('status'));
    expect(after).toMatchObject({ state: 'error', needsRepair: true });
    expect(after.lastError).toMatch(/damaged.*Repair/);
    expect((await laptop.ok('status')).ok).toBe(true);

    const repaired = await laptop.ok('repair', 180_000);
    expect((repaired.value as { reapplied: number }).reapplied).toBeGreaterThanOrEqual(offline.length);
    const synced = status(await laptop.ok('wait-synced', 120_000));
    expect(synced).toMatchObject({ state: 'up_to_date', needsRepair: false, pendingChanges: 0 });
    expect((await laptop.ok('search Laptop job 59')).rows).toBeGreaterThan(0);
    expect((await laptop.ok('count')).jobs).toBeGreaterThanOrEqual(JOBS);

    const counts = await onPrimary(primary.url, offline);
    expect(offline.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(await primarySql(primary.url, 'SELECT id FROM changes GROUP BY id HAVING count(*) > 1')).toEqual([]);
    expect(laptop.child.exitCode).toBeNull();
    await laptop.ok('close');
  });

  it('the engine host SIGKILLed: main survives, the next read starts a new host, edits and sync go on, no Repair offered', async () => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-data-');
    const laptop = new LaptopProcess(dataDir, primary.url);
    await laptop.ok('start');
    await laptop.ok('seed 300');
    expect(status(await laptop.ok('sync', 60_000)).state).toBe('up_to_date');
    const [host] = hostPids(laptop);
    process.kill(host!, 'SIGKILL');

    // A read after the kill is served by a new host: the worker sees no error at all.
    const list = await laptop.send('list');
    expect(list).toMatchObject({ ok: true, rows: 200 });
    const [next] = hostPids(laptop);
    expect(next).toBeGreaterThan(0);
    expect(next).not.toBe(host);

    await laptop.ok('create Made after the engine restarted');
    const synced = status(await laptop.ok('wait-synced', 60_000));
    expect(synced).toMatchObject({ state: 'up_to_date', needsRepair: false });
    const rows = await primarySql(primary.url, "SELECT count(*) FROM jobs WHERE title = 'Made after the engine restarted'");
    expect(Number(rows[0]![0])).toBe(1);
    expect((await laptop.ok('count')).jobs).toBe(301);
    expect(laptop.child.exitCode).toBeNull();
    await laptop.ok('close');
    await laptop.send('exit');
    expect(await laptop.ended).toEqual({ code: 0, signal: null });
  });
});
