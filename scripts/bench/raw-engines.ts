/**
 * The same reads without the app: prepared statements straight on the replica
 * file's `@tursodatabase/sync` connection, and on copies of the same rows in
 * better-sqlite3 (plain SQLite) and @libsql/client file mode (the libSQL peer).
 */
import { createClient, type Client, type InValue } from '@libsql/client';
import { connect } from '@tursodatabase/sync';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import type { BenchSizes } from './config.js';
import { COMMON_SEARCH_TERM, rareSearchTerm } from './local-app.js';
import { timeRuns } from './measure.js';
import type { Engine, Results } from './results.js';

type Value = string | number | null;
type Row = Record<string, unknown>;

/**
 * The reads as the jobs.list handler writes them (issue-fieldwork): the page
 * sorts by the due-date key its expression index covers, with the status
 * filter kept off the index (`+`); the search scans newest first.
 */
export interface RawQueries {
  point: string;
  page: string;
  search: string;
  /** How many times the search pattern is bound (plain `?` works in every engine). */
  searchParams: number;
}

export function rawQueries(withSites: boolean): RawQueries {
  const select = withSites
    ? 'SELECT j.*, s.name AS site_name FROM jobs j LEFT JOIN sites s ON s.id = j.site_id'
    : 'SELECT j.* FROM jobs j';
  const siteMatch = withSites ? ' OR s.name LIKE ?' : '';
  return {
    point: `${select} WHERE j.id = ?`,
    page: `${select} WHERE j.deleted_at IS NULL AND +j.status IN (?) ORDER BY COALESCE(j.due_date, '9999-12-31'), j.id LIMIT 201`,
    search: `${select} WHERE j.deleted_at IS NULL AND (j.title LIKE ? OR j.description LIKE ?${siteMatch}) ORDER BY j.created_at DESC, j.id DESC LIMIT 201`,
    searchParams: withSites ? 3 : 2,
  };
}

interface RawEngine {
  engine: Engine;
  get(sql: string, params: Value[]): Promise<Row | undefined>;
  all(sql: string, params: Value[]): Promise<Row[]>;
  close(): Promise<void>;
}

interface TursoStatement {
  get(...params: Value[]): Promise<Row | undefined>;
  all(...params: Value[]): Promise<Row[]>;
}

async function openTursoRaw(file: string): Promise<RawEngine & { schema(): Promise<{ type: string; name: string; sql: string }[]>; rows(table: string): Promise<Row[]> }> {
  const db = await connect({ path: file, url: () => null, clientName: 'fieldbook-bench-raw' });
  const cache = new Map<string, TursoStatement>();
  const prepared = async (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = (await db.prepare(sql)) as TursoStatement;
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    engine: 'turso-raw',
    get: async (sql, params) => (await prepared(sql)).get(...params),
    all: async (sql, params) => (await prepared(sql)).all(...params),
    schema: async () =>
      (await (await prepared(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN ('jobs', 'sites') AND sql IS NOT NULL ORDER BY type = 'index', name",
      )).all()) as { type: string; name: string; sql: string }[],
    rows: async (table) => (await db.prepare(`SELECT * FROM ${table}`)).all(),
    close: () => db.close(),
  };
}

function openBetterSqlite(file: string): RawEngine & { load(schema: { sql: string }[], tables: Map<string, Row[]>): void } {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    engine: 'better-sqlite3',
    get: async (sql, params) => prepared(sql).get(...params) as Row | undefined,
    all: async (sql, params) => prepared(sql).all(...params) as Row[],
    load(schema, tables) {
      for (const entry of schema) db.exec(entry.sql);
      for (const [table, rows] of tables) {
        const first = rows[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        db.transaction(() => {
          for (const row of rows) insert.run(...columns.map((c) => row[c] as Value));
        })();
      }
    },
    close: async () => {
      db.close();
    },
  };
}

async function openLibsql(file: string): Promise<RawEngine & { load(schema: { sql: string }[], tables: Map<string, Row[]>): Promise<void> }> {
  const client: Client = createClient({ url: `file:${file}` });
  return {
    engine: 'libsql',
    get: async (sql, params) => (await client.execute({ sql, args: params as InValue[] })).rows[0] as Row | undefined,
    all: async (sql, params) => (await client.execute({ sql, args: params as InValue[] })).rows as unknown as Row[],
    async load(schema, tables) {
      for (const entry of schema) await client.execute(entry.sql);
      for (const [table, rows] of tables) {
        const first = rows[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        for (let start = 0; start < rows.length; start += 5_000) {
          const chunk = rows.slice(start, start + 5_000).map((row) => ({ sql, args: columns.map((c) => row[c] as InValue) }));
          await client.batch(chunk, 'write');
        }
      }
    },
    close: async () => client.close(),
  };
}

async function benchEngine(engine: RawEngine, results: Results, sizes: BenchSizes, queries: RawQueries, jobIds: readonly string[]): Promise<void> {
  const point = await timeRuns(async (i) => {
    const id = jobIds[(i * 7919) % jobIds.length]!;
    const row = await engine.get(queries.point, [id]);
    if (row?.id !== id) throw new Error(`${engine.engine}: point read of ${id} returned ${String(row?.id)}`);
  }, { runs: sizes.pointRuns });
  results.samples(`${engine.engine}.get`, 'raw', 'open one job (prepared point read)', engine.engine, 'ms', point);

  const page = await timeRuns(async () => {
    const rows = await engine.all(queries.page, ['open']);
    if (rows.length === 0) throw new Error(`${engine.engine}: page of open jobs is empty`);
  }, { runs: sizes.pageRuns });
  results.samples(`${engine.engine}.page.status-due`, 'raw', 'page of 200 open jobs by due date', engine.engine, 'ms', page);

  const rare = await timeRuns(async (i) => {
    const rows = await engine.all(queries.search, Array<Value>(queries.searchParams).fill(`%${rareSearchTerm(i, jobIds.length)}%`));
    if (rows.length === 0) throw new Error(`${engine.engine}: search ${rareSearchTerm(i, jobIds.length)} found nothing`);
  }, { runs: sizes.scanRuns });
  results.samples(`${engine.engine}.search.rare`, 'raw', 'search, one match (full scan)', engine.engine, 'ms', rare);

  const common = await timeRuns(() => engine.all(queries.search, Array<Value>(queries.searchParams).fill(`%${COMMON_SEARCH_TERM}%`)), { runs: sizes.scanRuns });
  results.samples(`${engine.engine}.search.common`, 'raw', `search "${COMMON_SEARCH_TERM}", many matches`, engine.engine, 'ms', common);
}

/** Runs the raw cases on the replica file (the app must have closed it) and on two copies of its rows. */
export async function benchRawEngines(replicaFile: string, scratchDir: string, results: Results, sizes: BenchSizes, jobIds: readonly string[]): Promise<void> {
  const turso = await openTursoRaw(replicaFile);
  const schema = await turso.schema();
  const withSites = schema.some((entry) => entry.type === 'table' && entry.name === 'sites');
  const queries = rawQueries(withSites);
  await benchEngine(turso, results, sizes, queries, jobIds);

  const tables = new Map<string, Row[]>();
  for (const entry of schema) if (entry.type === 'table') tables.set(entry.name, await turso.rows(entry.name));
  await turso.close();
  // Only tables and indexes the reads use; the engine's own tables stay out.
  const copySchema = schema.filter((entry) => entry.type === 'table' || entry.type === 'index');

  const sqlite = openBetterSqlite(path.join(scratchDir, 'copy-better-sqlite3.db'));
  sqlite.load(copySchema, tables);
  await benchEngine(sqlite, results, sizes, queries, jobIds);
  await sqlite.close();

  const libsql = await openLibsql(path.join(scratchDir, 'copy-libsql.db'));
  await libsql.load(copySchema, tables);
  await benchEngine(libsql, results, sizes, queries, jobIds);
  await libsql.close();
}
