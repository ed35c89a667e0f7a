import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { WalGuard } from '../../../../electron/core/db/wal-guard.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('WAL guard', () => {
  it('checkpoints a large WAL after enough offline writes, with no sync at all', async () => {
    const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null });
    await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
    const threshold = 512 * 1024;
    const guard = new WalGuard(replica, 50, (e) => { throw e; }, threshold);
    let peak = 0;
    for (let i = 0; i < 1_000; i++) {
      await replica.db.run('INSERT INTO t (v) VALUES (?)', ['x'.repeat(2_000)]);
      guard.noteWrite();
      peak = Math.max(peak, (await replica.stats()).mainWalSize);
    }
    await guard.idle();
    // Unchecked, 1,000 autocommit inserts of 2 KB grow the WAL past 4 MB (at least a page each).
    expect(peak).toBeLessThan(3 * threshold);
    expect(await replica.db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 1_000 });
    await replica.close();
  });
});
