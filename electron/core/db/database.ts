/**
 * The connection the rest of main uses. It wraps the replica so feature code
 * sees plain async SQL, and serialises transactions: statements from two
 * concurrent handlers must not interleave inside one BEGIN..COMMIT.
 */
import type { Database } from '@tursodatabase/sync';

export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, unknown>;

export interface Queryable {
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Run `fn` atomically; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

interface PreparedLike {
  all(...params: unknown[]): Promise<unknown[]>;
  get(...params: unknown[]): Promise<unknown>;
  run(...params: unknown[]): Promise<{ changes: number }>;
}

interface ConnectionLike {
  prepare(sql: string): Promise<PreparedLike>;
  exec(sql: string): Promise<void>;
}

/** Prepared statements are reused: preparing is most of the cost of a point read. */
function statementCache(conn: ConnectionLike): Queryable {
  const cache = new Map<string, Promise<PreparedLike>>();
  const prepared = (sql: string): Promise<PreparedLike> => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = conn.prepare(sql);
      stmt.catch(() => cache.delete(sql));
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await (await prepared(sql)).all(...params)) as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return ((await (await prepared(sql)).get(...params)) ?? undefined) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const info = await (await prepared(sql)).run(...params);
      return { changes: Number(info.changes) };
    },
    exec: (sql: string) => conn.exec(sql),
  };
}

/** Serialises async critical sections in FIFO order. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export function wrapDatabase(database: Database): Db {
  const conn = database as unknown as ConnectionLike;
  const base = statementCache(conn);
  const writes = new Mutex();
  return {
    all: base.all,
    get: base.get,
    run: (sql, params) => writes.run(() => base.run(sql, params)),
    exec: (sql) => writes.run(() => base.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      writes.run(async () => {
        await conn.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(base);
          await conn.exec('COMMIT');
          return result;
        } catch (error) {
          await conn.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
  };
}
