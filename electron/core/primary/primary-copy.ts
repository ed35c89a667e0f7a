/**
 * A local primary on a copy of another primary's data (`npm run primary --
 * --from …`): the development stand-in for a Turso Cloud branch
 * (`turso db create X --from-db Y`).
 *
 * From a file: `tursodb` keeps its data in `X.db` and `X.db-wal` (measured:
 * no `-shm`), which must be copied together and while nobody writes them. A
 * primary locks its file, so a guard `tursodb` is started on the source
 * first: if it cannot open it, another primary is serving it (copy from its
 * URL instead); if it can, it holds the lock, answers nobody, and the file set
 * is copied as a unit before it stops.
 *
 * From a URL: the schema and every row are read over the running primary's
 * `/v2/pipeline` (each table in key order, in keyset pages: db/keyset-pages.ts)
 * and written into the new one, values with their types. Keyset pages also
 * keep a row from being skipped when the running source deletes a row
 * already copied (OFFSET would shift past one).
 */
import fs from 'node:fs';
import { afterKey, afterParams, quoteName, withoutRowid } from '../db/keyset-pages.js';
import { startLocalPrimary } from './local-primary.js';

export const PRIMARY_FILE_SUFFIXES = ['', '-wal'] as const;
const PAGE_ROWS = 500;

export async function copyPrimaryFiles(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`--from ${source}: no such file`);
  if (PRIMARY_FILE_SUFFIXES.some((s) => fs.existsSync(`${target}${s}`))) throw new Error(`${target} already exists; pick another --db, the copy never overwrites`);
  let guard;
  try {
    guard = await startLocalPrimary({ dbPath: source, timeoutMs: 5_000 });
  } catch {
    throw new Error(
      `--from ${source}: the file could not be opened, most likely because a primary is serving it. ` +
        'Stop that primary, or copy from its address instead: --from http://127.0.0.1:<port>',
    );
  }
  try {
    for (const suffix of PRIMARY_FILE_SUFFIXES) {
      if (!fs.existsSync(`${source}${suffix}`)) continue;
      const tmp = `${target}${suffix}.tmp-${process.pid}`;
      fs.copyFileSync(`${source}${suffix}`, tmp);
      fs.renameSync(tmp, `${target}${suffix}`);
    }
  } finally {
    await guard.stop();
  }
}

/** A Hrana value as the pipeline returns and accepts it. */
type Value = { type: 'null' } | { type: 'integer' | 'float' | 'text'; value: string } | { type: 'blob'; base64: string };

interface Statement {
  sql: string;
  args?: Value[];
}

async function pipeline(url: string, statements: Statement[]): Promise<Value[][][]> {
  const response = await fetch(`${url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requests: statements.map((stmt) => ({ type: 'execute', stmt })) }),
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = (await response.json()) as { results: { type: string; response?: { result: { rows: Value[][] } }; error?: { message: string } }[] };
  return body.results.map((r, i) => {
    if (r.type !== 'ok' || !r.response) throw new Error(`${url}: ${statements[i]?.sql.slice(0, 80)} failed: ${r.error?.message ?? 'no result'}`);
    return r.response.result.rows;
  });
}

const text = (v: Value | undefined): string => (v && 'value' in v ? v.value : '');

/** The columns a table is paged by: its rowid, or for a WITHOUT ROWID table its primary key. */
async function pageKey(url: string, table: { name: string; sql: string }): Promise<string[]> {
  if (!withoutRowid(table.sql)) return ['rowid'];
  const [columns] = await pipeline(url, [{ sql: 'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', args: [{ type: 'text', value: table.name }] }]);
  return (columns ?? []).map((row) => quoteName(text(row[0])));
}

export async function copyPrimaryOverHttp(sourceUrl: string, targetUrl: string): Promise<{ tables: number; rows: number }> {
  const [schema] = await pipeline(sourceUrl, [
    {
      sql:
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'turso_%' " +
        "AND name NOT LIKE '__turso%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid",
    },
  ]);
  const entries = (schema ?? []).map((row) => ({ type: text(row[0]), name: text(row[1]), sql: text(row[2]) }));
  const tables = entries.filter((e) => e.type === 'table');
  await pipeline(targetUrl, tables.map((t) => ({ sql: t.sql })));
  let rows = 0;
  for (const table of tables) {
    const quoted = quoteName(table.name);
    const key = await pageKey(sourceUrl, table);
    // The key columns come first in each row and are not copied (a rowid is the target's own to give).
    const keyColumns = key.join(', ');
    let after: Value[] | null = null;
    for (;;) {
      const [page] = await pipeline(sourceUrl, [
        {
          sql: `SELECT ${keyColumns}, * FROM ${quoted}${after ? ` WHERE ${afterKey(key)}` : ''} ORDER BY ${key.join(', ')} LIMIT ${PAGE_ROWS}`,
          args: after ? afterParams(after) : [],
        },
      ]);
      if (!page || page.length === 0) break;
      const values = page.map((row) => row.slice(key.length));
      const marks = values[0]!.map(() => '?').join(', ');
      await pipeline(targetUrl, values.map((args) => ({ sql: `INSERT INTO ${quoted} VALUES (${marks})`, args })));
      rows += page.length;
      after = page[page.length - 1]!.slice(0, key.length);
      if (page.length < PAGE_ROWS) break;
    }
  }
  // Indexes after the rows: built once instead of kept up per insert.
  await pipeline(targetUrl, entries.filter((e) => e.type !== 'table').map((e) => ({ sql: e.sql })));
  return { tables: tables.length, rows };
}
