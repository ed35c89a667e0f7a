import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Text keys on purpose: the engine replays inserts into INTEGER PRIMARY KEY tables
// by rowid, so local rows inserted before a pull overwrite remote rows with the same
// rowid (seen while writing this test). tests/migrations/additive.test.ts forbids them.
import { openReplica } from '../../electron/core/db/replica.js';
import { startPrimary } from '../helpers/primary.js';
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
