/**
 * The connection the rest of main uses. It wraps the replica so feature code
 * sees plain async SQL, and serialises transactions: statements from two
 * concurrent handlers must not interleave inside one BEGIN..COMMIT.
 */
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
  /** Run `fn` with no local write in flight (checkpoint, sync): the engine refuses those concurrently. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Told, inside the write lock, how each transaction ended: the edit journal
 * appends the edits a transaction recorded once it has committed, so an edit
 * rolled back is never journaled and a committed one is before its handler answers.
 */
export interface TransactionObserver {
  committed(): void;
  rolledBack(): void;
}

export interface PreparedLike {
  all(...params: unknown[]): Promise<unknown[]>;
  get(...params: unknown[]): Promise<unknown>;
  run(...params: unknown[]): Promise<{ changes: number }>;
}

export interface ConnectionLike {
  prepare(sql: string): Promise<PreparedLike>;
  exec(sql: string): Promise<void>;
}

/**
 * The engine answers "database is locked" / "busy" to a local statement while a
 * pull applies remote changes or a checkpoint runs (measured: ~15% of writes
 * issued during a pull). Those are retried for a short while instead of failing
 * the user's edit; anything else fails at once.
 */
const BUSY = /database is locked|database is busy|SQLITE_BUSY/i;
export const BUSY_RETRY_MS = 10_000;

export function isBusyError(error: unknown): boolean {
  return BUSY.test(error instanceof Error ? error.message : String(error));
}

export async function retryWhileBusy<T>(fn: () => Promise<T>, budgetMs = BUSY_RETRY_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let delayMs = 1;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isBusyError(error) || Date.now() + delayMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 25);
    }
  }
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
      const stmt = await prepared(sql);
      return (await retryWhileBusy(() => stmt.all(...params))) as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      const stmt = await prepared(sql);
      return ((await retryWhileBusy(() => stmt.get(...params))) ?? undefined) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const stmt = await prepared(sql);
      const info = await retryWhileBusy(() => stmt.run(...params));
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

export function wrapDatabase(conn: ConnectionLike, observer?: TransactionObserver): Db {
  const base = statementCache(conn);
  const writes = new Mutex();
  return {
    all: base.all,
    get: base.get,
    run: (sql, params) => writes.run(() => base.run(sql, params)),
    exec: (sql) => writes.run(() => retryWhileBusy(() => base.exec(sql))),
    exclusive: (fn) => writes.run(fn),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      writes.run(() =>
        // A busy answer part-way rolls the whole transaction back; it is then run again from the start.
        retryWhileBusy(async () => {
          await conn.exec('BEGIN IMMEDIATE');
          let result: T;
          try {
            result = await fn(base);
            await conn.exec('COMMIT');
          } catch (error) {
            await conn.exec('ROLLBACK').catch(() => undefined);
            observer?.rolledBack();
            throw error;
          }
          observer?.committed();
          return result;
        }),
      ),
  };
}
