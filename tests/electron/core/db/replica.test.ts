import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointIfLarge, openReplica } from '../../../../electron/core/db/replica.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('replica file', () => {
  it('opens offline with no primary, and keeps data across reopen', async () => {
    const file = path.join(tempDir(), 'nested', 'w.db');
    const first = await openReplica({ path: file, remote: () => null });
    await first.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)');
    await first.db.run('INSERT INTO t VALUES (?)', ['a']);
    await first.close();
    const second = await openReplica({ path: file, remote: () => null });
    expect(await second.db.all('SELECT id FROM t')).toEqual([{ id: 'a' }]);
    await second.close();
  });

  it('checkpoints the WAL once it passes the threshold, so it cannot grow without bound', async () => {
    const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null });
    await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
    for (let i = 0; i < 200; i++) await replica.db.run('INSERT INTO t (v) VALUES (?)', ['x'.repeat(500)]);
    const before = (await replica.stats()).mainWalSize;
    expect(await checkpointIfLarge(replica, 1024)).toBe(true);
    expect((await replica.stats()).mainWalSize).toBeLessThan(before);
    expect(await checkpointIfLarge(replica, Number.MAX_SAFE_INTEGER)).toBe(false);
    await replica.close();
  });

  it('reports a file that is not a database as STORAGE_FAILED naming the file', async () => {
    const file = path.join(tempDir(), 'w.db');
    fs.writeFileSync(file, 'this is not a database file, just text '.repeat(200));
    await expect(openReplica({ path: file, remote: () => null })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringMatching(new RegExp(`Could not open the workspace database at ${file}: .*[Cc]orrupt`)),
    });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
  });
});
