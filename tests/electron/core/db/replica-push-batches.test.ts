import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica, PUSH_OPERATIONS_PER_REQUEST } from '../../../../electron/core/db/replica.js';
import { primarySql } from '../../../../electron/core/primary/local-primary.js';
import { startPrimary } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('replica push batching', () => {
  it('by default splits a large backlog into several push requests on transaction bounds and delivers every row', async () => {
    const primary = await startPrimary();
    let pushRequests = 0;
    const replica = await openReplica({
      path: path.join(tempDir(), 'w.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      fetch: async (input, init) => {
        const body = init?.body;
        const text = typeof body === 'string' ? body : ArrayBuffer.isView(body) ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : '';
        if (text.includes('"COMMIT"')) pushRequests += 1;
        return fetch(input, init);
      },
    });
    await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v TEXT NOT NULL)');
    await replica.push();
    pushRequests = 0;

    // Three transactions, each under the threshold, together well over it.
    const perTransaction = Math.ceil(PUSH_OPERATIONS_PER_REQUEST * 0.75);
    for (let t = 0; t < 3; t++) {
      await replica.db.transaction(async (tx) => {
        for (let i = 0; i < perTransaction; i++) await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [`${t}-${i}`, 'x']);
      });
    }
    await replica.push();
    await replica.close();

    expect(pushRequests).toBeGreaterThanOrEqual(2);
    const rows = await primarySql(primary.url, 'SELECT count(*) FROM t');
    expect(Number(rows[0]![0])).toBe(3 * perTransaction);
  });
});
