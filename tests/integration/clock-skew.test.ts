/**
 * Laptops whose clocks are hours wrong, against a real primary: each measures
 * its offset from the primary and stamps edits with the team's time, so the
 * edit made later in real time wins; a laptop that stamped with a fast clock
 * (before it could measure) does not drag the others ahead.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { clockOffsetPath, readSavedOffset } from '../../electron/core/sync/clock-offset.js';
import { decodeHlc, MAX_ADOPTED_LEAD_MS } from '../../shared/hlc.js';
import type { DiagnosticsReport } from '../../shared/domain/diagnostics.js';
import type { Job } from '../../shared/domain/jobs.js';
import { closeCore, invoke, startTestCore } from '../helpers/core.js';
import { edit, jobRow } from '../helpers/edits.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const HOUR = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function network() {
  const dir = tempDir('fieldbook-primary-');
  let primary = await startPrimary(dir);
  const port = primary.port;
  return {
    get url() {
      return primary.url;
    },
    async goOffline() {
      await primary.stop('SIGKILL');
    },
    async comeBack() {
      primary = await startPrimary(dir, port);
    },
  };
}

/** A laptop whose clock is `skewMs` off real time, its loop stopped so the test decides when it syncs. */
async function laptop(url: string, skewMs: number, dataDir?: string): Promise<Core> {
  const core = await startTestCore({ primaryUrl: url, dataDir, clockNow: () => Date.now() + skewMs });
  await core.sync.stop();
  return core;
}

async function syncAll(...cores: Core[]) {
  // Two rounds: the second carries the fixes reconcile wrote in the first.
  for (let round = 0; round < 2; round++) for (const core of cores) expect((await core.sync.syncNow()).state).toBe('up_to_date');
}

/** The measurement's own error bound, as saved beside the replica. */
function offsetError(core: Core): number {
  const saved = readSavedOffset(clockOffsetPath(core.replica.path));
  if (!saved) throw new Error(`${core.replica.path} has no measured clock offset`);
  return saved.errorMs;
}

/** An edit, with the real time just before and after it. */
async function timedEdit(core: Core, jobId: string, title: string) {
  const before = Date.now();
  const recorded = await edit(core, 'job', jobId, 'update', { title });
  return { ...recorded, before, after: Date.now() };
}

describe('edit time by the team clock', () => {
  for (const order of ['3 h slow, then 2 h fast', '2 h fast, then 3 h slow'] as const) {
    it(`concurrent edits of one field: the later in real time wins (${order})`, async () => {
      const net = await network();
      const slow = await laptop(net.url, -3 * HOUR);
      const fast = await laptop(net.url, 2 * HOUR);
      const right = await laptop(net.url, 0);
      await syncAll(slow, fast, right);
      expect(slow.sync.status.clockOffsetMs).toBeGreaterThan(3 * HOUR - 1000);
      expect(slow.sync.status.clockOffsetMs).toBeLessThan(3 * HOUR + 1000);
      expect(fast.sync.status.clockOffsetMs).toBeGreaterThan(-2 * HOUR - 1000);
      expect(fast.sync.status.clockOffsetMs).toBeLessThan(-2 * HOUR + 1000);

      const job = await invoke<Job>(right, 'jobs.create', { title: 'Inspect boiler' });
      await syncAll(right, slow, fast);
      await net.goOffline();
      const [first, second] = order.startsWith('3 h') ? [slow, fast] : [fast, slow];
      const early = await timedEdit(first, job.id, 'made first');
      await sleep(1000);
      const late = await timedEdit(second, job.id, 'made a second later');

      // Both stamps are real time within the measurements' error (and what the clocks adopted from each other).
      const slack = offsetError(slow) + offsetError(fast) + offsetError(right) + 2;
      for (const stamp of [early, late]) {
        const wallMs = decodeHlc(stamp.hlc).wallMs;
        expect(wallMs).toBeGreaterThanOrEqual(stamp.before - slack);
        expect(wallMs).toBeLessThanOrEqual(stamp.after + slack);
      }
      expect(late.hlc > early.hlc).toBe(true);

      await net.comeBack();
      await syncAll(first, second, right);
      for (const core of [slow, fast, right]) expect((await jobRow(core, job.id))?.title).toBe('made a second later');
      const [onPrimary] = await primarySql(net.url, 'SELECT title FROM jobs WHERE id = ?', [job.id]);
      expect(onPrimary?.[0]).toBe('made a second later');
    });
  }

  it('a laptop 2 h fast that edited before it could measure does not drag a correct laptop ahead, and an edit on top of its value wins', async () => {
    const net = await network();
    const right = await laptop(net.url, 0);
    await syncAll(right);
    await net.goOffline();
    // Never reached the primary: its edits carry its own clock's time.
    const fast = await laptop(net.url, 2 * HOUR);
    const job = await invoke<Job>(fast, 'jobs.create', { title: 'Stamped two hours ahead' });
    const [created] = await fast.replica.db.all<{ hlc: string }>('SELECT hlc FROM changes WHERE entity_id = ?', [job.id]);
    expect(decodeHlc(created!.hlc).wallMs).toBeGreaterThan(Date.now() + 2 * HOUR - 60_000);
    expect(fast.sync.status.clockOffsetMs).toBeNull();
    expect(fast.sync.status.clockWarning).toBeNull();

    await net.comeBack();
    await syncAll(fast, right);
    expect(fast.sync.status.clockWarning).toMatch(/2 hours ahead of the team's clock/);
    expect(right.sync.status.clockWarning).toBeNull();
    const diagnostics = await invoke<DiagnosticsReport>(fast, 'diagnostics.collect');
    expect(diagnostics.sync.clockOffsetMs).toBe(fast.sync.status.clockOffsetMs);
    expect(diagnostics.sync.clockWarning).toMatch(/2 hours ahead/);
    expect((await jobRow(right, job.id))?.title).toBe('Stamped two hours ahead');

    // The correct laptop pulled a stamp 2 h ahead; its clock stays within the bound of real time.
    const before = Date.now();
    const other = await invoke<Job>(right, 'jobs.create', { title: 'Unrelated job' });
    const [otherStamp] = await right.replica.db.all<{ hlc: string }>('SELECT hlc FROM changes WHERE entity_id = ?', [other.id]);
    const rightWall = decodeHlc(otherStamp!.hlc).wallMs;
    expect(rightWall).toBeLessThan(Date.now() + MAX_ADOPTED_LEAD_MS);
    expect(rightWall).toBeGreaterThanOrEqual(before - offsetError(right) - 2);

    // The fast laptop, once measured, stamps near real time too.
    const fastOther = await invoke<Job>(fast, 'jobs.create', { title: 'Made after measuring' });
    const [fastStamp] = await fast.replica.db.all<{ hlc: string }>('SELECT hlc FROM changes WHERE entity_id = ?', [fastOther.id]);
    expect(Math.abs(decodeHlc(fastStamp!.hlc).wallMs - Date.now())).toBeLessThan(MAX_ADOPTED_LEAD_MS);

    // A worker who overwrites the fast-stamped value after seeing it wins, on every laptop.
    await edit(right, 'job', job.id, 'update', { title: 'Corrected on the right laptop' });
    await syncAll(right, fast);
    for (const core of [right, fast]) expect((await jobRow(core, job.id))?.title).toBe('Corrected on the right laptop');
  });

  it('a laptop that starts offline uses the offset it measured last time, saved in a private file', async () => {
    const net = await network();
    const dataDir = tempDir('fieldbook-data-');
    const first = await laptop(net.url, -3 * HOUR, dataDir);
    await syncAll(first);
    const file = clockOffsetPath(first.replica.path);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await closeCore(first);
    await net.goOffline();

    const again = await laptop(net.url, -3 * HOUR, dataDir);
    expect(again.sync.status.clockOffsetMs).toBeGreaterThan(3 * HOUR - 1000);
    expect(again.sync.status.clockWarning).toMatch(/3 hours behind the team's clock/);
    const before = Date.now();
    const job = await invoke<Job>(again, 'jobs.create', { title: 'Created offline after a restart' });
    const [stamp] = await again.replica.db.all<{ hlc: string; created_at: string }>('SELECT hlc, created_at FROM changes WHERE entity_id = ?', [
      job.id,
    ]);
    const slack = offsetError(again) + 2;
    expect(decodeHlc(stamp!.hlc).wallMs).toBeGreaterThanOrEqual(before - slack);
    expect(decodeHlc(stamp!.hlc).wallMs).toBeLessThanOrEqual(Date.now() + slack);
    // What the worker sees as the edit time is corrected too.
    expect(Math.abs(Date.parse(job.createdAt) - before)).toBeLessThan(60_000);
  });
});
