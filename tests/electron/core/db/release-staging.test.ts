/**
 * A new replica's first pull stages the whole download in the engine's
 * `-changes` file; the replica's pull follows a large one with a second pull,
 * which empties it, so a new laptop does not hold the database twice on disk.
 * Real primary, real replica files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullReleasingStaging, stagedBytes } from '../../../../electron/core/db/release-staging.js';
import { openReplica, type RemoteTarget } from '../../../../electron/core/db/replica.js';
import { primarySql } from '../../../../electron/core/primary/local-primary.js';
import { startPrimary } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

async function primaryWithRows(rows: number) {
  const primary = await startPrimary();
  await primarySql(primary.url, 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  for (let i = 0; i < rows; i += 50) {
    const values = Array.from({ length: 50 }, (_, j) => `(${i + j + 1}, '${String(i + j).padStart(400, 'x')}')`).join(',');
    await primarySql(primary.url, `INSERT INTO t (id, v) VALUES ${values}`);
  }
  return primary;
}

/** A replica opened local-first, as the app opens a new one, then pointed at the primary. */
async function newLaptop(url: string, stagingReleaseBytes: number) {
  let remote: RemoteTarget | null = null;
  const file = path.join(tempDir('fieldbook-staging-'), 'w.db');
  const replica = await openReplica({ path: file, remote: () => remote, stagingReleaseBytes });
  remote = { url, authToken: null };
  return { replica, file };
}

describe('the engine staging file after a pull', () => {
  it('is emptied by the second pull after a large one, and every row is there', async () => {
    const primary = await primaryWithRows(500);
    const { replica, file } = await newLaptop(primary.url, 64 * 1024);
    expect(await replica.pull()).toBe(true);
    expect(fs.statSync(`${file}-changes`).size).toBe(0);
    expect(await replica.db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 500 });
    await replica.close();
  });

  it('keeps the staged copy when the pull was smaller than the threshold (the next pull frees it)', async () => {
    const primary = await primaryWithRows(500);
    const { replica, file } = await newLaptop(primary.url, Number.MAX_SAFE_INTEGER);
    expect(await replica.pull()).toBe(true);
    expect(await stagedBytes(file)).toBeGreaterThan(64 * 1024);
    expect(await replica.pull()).toBe(false);
    expect(await stagedBytes(file)).toBe(0);
    await replica.close();
  });

  it('reports the first pull\'s changes even when the releasing pull fails', async () => {
    let calls = 0;
    const pull = async () => {
      calls += 1;
      if (calls === 2) throw new Error('fetch failed');
      return true;
    };
    await expect(pullReleasingStaging(pull, async () => 10, 1)).resolves.toBe(true);
    expect(calls).toBe(2);
    // Nothing arrived, or little was staged: no second request.
    await expect(pullReleasingStaging(async () => false, async () => 10, 1)).resolves.toBe(false);
    await expect(pullReleasingStaging(async () => true, async () => 0, 1)).resolves.toBe(true);
  });
});
