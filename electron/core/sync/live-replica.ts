/**
 * A stable handle on the workspace replica that can be swapped for a rebuilt
 * one (repair) while features keep the `Db` they were given at start-up.
 * During a swap, new statements wait and statements already running finish
 * first, so nothing is written to a file that is being moved aside.
 */
import type { Db, Queryable, SqlValue } from '../db/database.js';
import type { Replica } from '../db/replica.js';

export class LiveReplica implements Replica {
  private inner: Replica;
  private gate: Promise<void> | null = null;
  private running = 0;
  private drained: (() => void) | null = null;
  readonly db: Db;

  constructor(initial: Replica) {
    this.inner = initial;
    // The inner Db already waits out "database is locked" while a pull runs (db/database.ts).
    const use = <T>(fn: (db: Db) => Promise<T>) => this.use(() => fn(this.inner.db));
    this.db = {
      all: <T>(sql: string, params?: readonly SqlValue[]) => use((db) => db.all<T>(sql, params)),
      get: <T>(sql: string, params?: readonly SqlValue[]) => use((db) => db.get<T>(sql, params)),
      run: (sql, params) => use((db) => db.run(sql, params)),
      exec: (sql) => use((db) => db.exec(sql)),
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => use((db) => db.transaction(fn)),
      exclusive: <T>(fn: () => Promise<T>) => use((db) => db.exclusive(fn)),
    };
  }

  get path(): string {
    return this.inner.path;
  }

  get current(): Replica {
    return this.inner;
  }

  push = () => this.use(() => this.inner.push());
  pull = () => this.use(() => this.inner.pull());
  stats = () => this.use(() => this.inner.stats());
  pendingChanges = () => this.use(() => this.inner.pendingChanges());
  checkpoint = () => this.use(() => this.inner.checkpoint());
  close = () => this.inner.close();

  /** Replace the replica: `rebuild` gets exclusive use of the old one and returns the new one. */
  async swap(rebuild: (old: Replica) => Promise<Replica>): Promise<void> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.inner = await rebuild(this.inner);
    } finally {
      this.gate = null;
      open();
    }
  }

  private async use<T>(fn: () => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      if (this.running === 0 && this.drained) {
        this.drained();
        this.drained = null;
      }
    }
  }
}
