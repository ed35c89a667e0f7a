import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Text keys on purpose: the engine replays inserts into INTEGER PRIMARY KEY tables
// by rowid, so local rows inserted before a pull overwrite remote rows with the same
// rowid (seen while writing this test). tests/migrations/additive.test.ts forbids them.
import { openReplica } from '../../electron/core/db/replica.js';
import { DEFAULT_TIMINGS } from '../../electron/core/sync/sync-service.js';
import type { Job } from '../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { jobRow } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('local writes while a sync is running', () => {
  it('never fail: the engine answers "locked" during a pull, and the write is retried', async () => {
    const primary = await startPrimary();
    const dir = tempDir();
    const remote = () => ({ url: primary.url, authToken: null });
    const a = await openReplica({ path: path.join(dir, 'a.db'), remote });
    const b = await openReplica({ path: path.join(dir, 'b.db'), remote });
    await a.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v TEXT)');
    await a.db.transaction(async (tx) => {
      for (let i = 0; i < 30_000; i++) await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [`a-${i}`, 'x'.repeat(100)]);
    });
    await a.push();
    await b.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v TEXT)');

    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await b.db.run(`INSERT INTO t (id, v) VALUES (?, 'local')`, [`b-${written}`]);
        written += 1;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await b.db.exclusive(async () => undefined); // the writer is running
    await b.pull();
    await b.push();
    await b.checkpoint();
    stop = true;
    await writer; // rejects if any write failed
    expect(written).toBeGreaterThan(0);
    expect(await b.db.get(`SELECT count(*) AS n FROM t WHERE v = 'local'`)).toEqual({ n: written });
    expect(await b.db.get(`SELECT count(*) AS n FROM t`)).toEqual({ n: 30_000 + written });
    await a.close();
    await b.close();
  });
});

describe('edits flow while a worker keeps editing', () => {
  it('a burst of edits reaches a colleague while it is still going on, within a few seconds of each edit', async () => {
    const primary = await startPrimary();
    // Production debounce and max wait on A (an edit every 200 ms beats the 300 ms debounce); B just polls.
    const a = await startTestCore({ primaryUrl: primary.url, syncTimings: DEFAULT_TIMINGS });
    const b = await startTestCore({ primaryUrl: primary.url, syncTimings: { ...DEFAULT_TIMINGS, pollMs: 500 } });
    const job = await invoke<Job>(a, 'jobs.create', { title: 'edit 0' });
    await waitFor('B has the job', async () => (await jobRow(b, job.id))?.title === 'edit 0');

    // Edit n is titled `edit n`; B's view is sampled every 50 ms until the burst ends.
    const madeAt: number[] = [0];
    const arrivals: { n: number; at: number }[] = [];
    let bursting = true;
    const watcher = (async () => {
      while (bursting) {
        const n = Number((await jobRow(b, job.id))?.title.replace('edit ', '') ?? 0);
        if (n > (arrivals.at(-1)?.n ?? 0)) arrivals.push({ n, at: Date.now() });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const burstStart = Date.now();
    let edits = 0;
    while (Date.now() - burstStart < 8_000) {
      edits += 1;
      madeAt.push(Date.now());
      await invoke(a, 'jobs.update', { id: job.id, title: `edit ${edits}` });
      await new Promise((r) => setTimeout(r, 200));
    }
    bursting = false;
    await watcher;

    expect(edits).toBeGreaterThan(20);
    // Seen during the burst, more than once: the edits flow instead of waiting for a pause.
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    // Every edit that B had by the end of the burst arrived within a few seconds of being made
    // (max wait 2 s + one push + B's 0.5 s poll, with room for a loaded machine).
    const lastSeen = arrivals.at(-1)!.n;
    for (let n = 1; n <= lastSeen; n++) {
      const arrived = arrivals.find((x) => x.n >= n)!.at;
      expect(arrived - madeAt[n]!, `edit ${n}`).toBeLessThan(5_000);
    }
    // And the edits not yet seen at the end were made within the last few seconds of the burst.
    expect(Date.now() - madeAt[Math.min(lastSeen + 1, edits)]!).toBeLessThan(5_000);
    await waitFor('the last edit arrives', async () => (await jobRow(b, job.id))?.title === `edit ${edits}`);
  });
});
