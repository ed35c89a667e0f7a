/**
 * `copyPrimaryOverHttp` reads each table in keyset pages (after the last
 * copied rowid), so it copies every row of a multi-page table with its types,
 * and a row the running source deletes after it was copied does not make the
 * copy skip one it has not read yet (OFFSET paging would shift past it).
 * Both primaries are real `tursodb --sync-server`; between the copy and the
 * source sits a plain loopback relay that, once, deletes rows on the source
 * right after answering the first page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { copyPrimaryOverHttp } from '../../electron/core/primary/primary-copy.js';
import { startPrimary } from '../helpers/primary.js';

const ROWS = 1_250;

/** A relay to `target` that runs `afterFirstPage` once, after relaying the first answer to a paged SELECT. */
async function relay(target: string, afterFirstPage: () => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  let fired = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void (async () => {
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers: { 'content-type': 'application/json' }, body });
        const bytes = Buffer.from(await answer.arrayBuffer());
        if (!fired && /LIMIT \d+/.test(body.toString('utf8')) && body.toString('utf8').includes('FROM \\"items\\"')) {
          fired = true;
          await afterFirstPage();
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(bytes);
      })().catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('primary copy over HTTP', () => {
  it('copies every row of a multi-page table, and skips none when the source deletes copied rows meanwhile', { timeout: 120_000 }, async () => {
    const [source, target] = await Promise.all([startPrimary(), startPrimary()]);
    await primarySql(source.url, 'CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, score REAL, note TEXT)');
    await primarySql(source.url, 'CREATE INDEX items_n_idx ON items (n)');
    for (let start = 0; start < ROWS; start += 250) {
      const values = Array.from({ length: 250 }, (_, i) => {
        const n = start + i;
        return `('item-${String(n).padStart(5, '0')}', ${n}, ${n + 0.5}, ${n % 7 === 0 ? 'NULL' : `'note ${n}'`})`;
      });
      await primarySql(source.url, `INSERT INTO items (id, n, score, note) VALUES ${values.join(', ')}`);
    }
    const everyRow = async (url: string) => primarySql(url, 'SELECT id, n, score, note FROM items ORDER BY id');
    const original = await everyRow(source.url);
    expect(original).toHaveLength(ROWS);

    // The first page (500 rows) is copied; then the source loses 100 of them.
    const front = await relay(source.url, async () => {
      await primarySql(source.url, 'DELETE FROM items WHERE n < 100');
    });
    try {
      expect(await copyPrimaryOverHttp(front.url, target.url)).toEqual({ tables: 1, rows: ROWS });
    } finally {
      await front.close();
    }
    expect(await everyRow(target.url)).toEqual(original);
    expect(await primarySql(target.url, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'items_n_idx'")).toHaveLength(1);
    expect(await everyRow(source.url)).toHaveLength(ROWS - 100);
  });
});
