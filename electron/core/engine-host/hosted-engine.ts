/**
 * Main's side of the engine host: an EngineDatabase (db/replica.ts) whose
 * every call goes to a supervised child process that owns the engine
 * connection, so a native abort there fails calls instead of ending the app.
 *
 * Everything around the engine stays in main: the write lock, transactions
 * (BEGIN, the statements and COMMIT are forwarded one by one, and the journal
 * observer is told in main), busy retries, and the fetch wrapper (the host
 * sends each sync request here). When the host dies, the calls in flight fail
 * with an EngineStoppedError; the next call starts a new host, unless hosts
 * keep dying: after RESTART_LIMIT deaths in a row, each within
 * SERVED_WELL_MS of its start, calls fail until a repair opens a new engine.
 * A transaction begun in a host that died is never continued in the next one.
 */
import type { DatabaseOpts } from '@tursodatabase/sync';
import { AppError, isErrorCode } from '../../../shared/errors.js';
import type { PreparedLike, SqlValue } from '../db/database.js';
import type { DatabaseStats, EngineConnector, EngineDatabase } from '../db/replica.js';
import { engineHostScript, nodeEngineSpawner, type EngineChannel, type EngineSpawner, type HostExit } from './channel.js';
import { EngineStoppedError, gaveUpError, stoppedError } from './engine-stopped.js';
import { FetchWindow } from './fetch-window.js';
import { forwardBody } from './forward-body.js';
import type { SpareHost } from './spare-host.js';
import { rowsFromRaw, type FromHost, type HostCall, type RawRows, type RemoteSnapshot, type SerializedError } from './protocol.js';

export interface EngineHostOptions {
  spawn?: EngineSpawner;
  script?: string;
  /** A statement or open that takes longer is taken as a hung engine: the host is stopped. */
  callTimeoutMs?: number;
  /** Push and pull carry whole uploads and downloads: a much longer bound. */
  syncTimeoutMs?: number;
  restartLimit?: number;
  /** Hosts started ahead of time (the WorkspaceManager's); one is taken instead of starting a new process. Same spawner and script. */
  spare?: SpareHost;
  /** Told each time a host ends under the app (logs; the core offers Repair for an abort). */
  onStopped?: (error: EngineStoppedError) => void;
}

export const CALL_TIMEOUT_MS = 120_000;
export const SYNC_TIMEOUT_MS = 30 * 60_000;
export const START_TIMEOUT_MS = 60_000;
/** Like the start-up crash-loop rule (replica-health.ts): three in a row and the app stops trying. */
export const RESTART_LIMIT = 3;
/** A host that served this long before dying does not continue a run of deaths. */
export const SERVED_WELL_MS = 60_000;

const SYNC_OPS: ReadonlySet<HostCall['op']> = new Set(['push', 'pull', 'open']);

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** performance.now() past which the host counts as hung (monotonic, like the timers: a wall-clock jump or a suspended laptop never counts as a hang). */
  deadline: number;
  timeoutMs: number;
}

/** One host process and the calls waiting on it. */
class Host {
  readonly startedAt = Date.now();
  readonly pending = new Map<number, Pending>();
  readonly exited: Promise<HostExit>;
  hungAfterMs: number | null = null;
  /** Stopped on purpose (its open was refused): its end is no crash. */
  discarded = false;
  /** Response bytes sent to this host and not yet read by its engine. */
  readonly downloads = new FetchWindow();
  ready!: Promise<void>;
  private nextId = 1;

  constructor(
    readonly channel: EngineChannel,
    readonly generation: number,
  ) {
    this.exited = new Promise((resolve) => channel.onExit(resolve));
  }

  call(call: HostCall, timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    const deadline = performance.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, deadline, timeoutMs });
      this.watchUntil(deadline);
      this.channel.send({ kind: 'call', id, ...call });
    });
  }

  settle(message: Extract<FromHost, { kind: 'reply' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(rebuildError(message.error));
  }

  failAll(error: Error): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /**
   * One timer per host instead of one per call (a timer armed and cleared per
   * point read was part of its cost): it stays armed for the earliest deadline
   * and, when it fires, stops a host that let a call pass its deadline or
   * re-arms for the next one. Unref'd: it never keeps the app alive on its own.
   */
  private watchdog: NodeJS.Timeout | null = null;
  private watchdogAt = Infinity;

  private watchUntil(deadline: number): void {
    if (this.watchdog && this.watchdogAt <= deadline) return;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdogAt = deadline;
    this.watchdog = setTimeout(() => this.checkDeadlines(), Math.max(0, deadline - performance.now()));
    this.watchdog.unref();
  }

  private checkDeadlines(): void {
    this.watchdog = null;
    const now = performance.now();
    let next = Infinity;
    for (const pending of this.pending.values()) {
      if (pending.deadline <= now) {
        this.hungAfterMs = pending.timeoutMs;
        // Its exit fails this call and every other one in flight.
        this.channel.kill();
        return;
      }
      next = Math.min(next, pending.deadline);
    }
    if (next !== Infinity) this.watchUntil(next);
  }
}

function rebuildError(info: SerializedError): Error {
  if (info.code && isErrorCode(info.code)) return new AppError(info.code, info.message);
  const error = new Error(info.message);
  error.name = info.name;
  return error;
}

const TRANSACTION_VERB = /^\s*(BEGIN|COMMIT|END|ROLLBACK)\b/i;

export class HostedEngine implements EngineDatabase {
  private host: Host | null = null;
  private starting: Promise<Host> | null = null;
  private generation = 0;
  private deathsInARow = 0;
  private gaveUp: EngineStoppedError | null = null;
  private closed = false;
  /** The host generation holding an open BEGIN, or null. */
  private transactionIn: number | null = null;
  private lastStop: EngineStoppedError | null = null;

  constructor(
    private readonly connectOptions: DatabaseOpts,
    private readonly options: EngineHostOptions = {},
  ) {}

  /** The current host's process id (tests kill it; diagnostics). */
  get pid(): number | undefined {
    return this.host?.channel.pid;
  }

  async start(): Promise<void> {
    await this.liveHost();
  }

  prepare(sql: string): Promise<PreparedLike> {
    return Promise.resolve({
      all: async (...params: unknown[]) => rowsFromRaw((await this.statement({ op: 'all', sql, params: params as SqlValue[] })) as RawRows),
      get: async (...params: unknown[]) => (await this.statement({ op: 'get', sql, params: params as SqlValue[] })) ?? undefined,
      run: (...params: unknown[]) => this.statement({ op: 'run', sql, params: params as SqlValue[] }) as Promise<{ changes: number }>,
    });
  }

  async exec(sql: string): Promise<void> {
    const verb = TRANSACTION_VERB.exec(sql)?.[1]?.toUpperCase();
    if (verb === 'ROLLBACK' && this.transactionIn !== null && this.transactionIn !== this.host?.generation) {
      // The host that held the transaction died: its BEGIN went with it, nothing to roll back.
      this.transactionIn = null;
      return;
    }
    if (verb === 'BEGIN') {
      const host = await this.liveHost();
      await this.callOn(host, { op: 'exec', sql });
      this.transactionIn = host.generation;
      return;
    }
    await this.statement({ op: 'exec', sql });
    if (verb === 'COMMIT' || verb === 'END' || verb === 'ROLLBACK') this.transactionIn = null;
  }

  push = async (): Promise<void> => void (await this.call({ op: 'push', remote: await this.remote() }));
  pull = async (): Promise<boolean> => Boolean(await this.call({ op: 'pull', remote: await this.remote() }));
  stats = async (): Promise<DatabaseStats> => (await this.call({ op: 'stats', remote: await this.remote() })) as DatabaseStats;
  checkpoint = async (): Promise<void> => void (await this.call({ op: 'checkpoint', remote: await this.remote() }));

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const host = this.host ?? (this.starting ? await this.starting.catch(() => null) : null);
    if (!host) return;
    try {
      await this.callOn(host, { op: 'close' });
    } finally {
      host.channel.kill();
      await host.exited;
    }
  }

  /** A statement: inside a transaction only on the host that began it; a read outside one is retried once on a new host after a kill. */
  private async statement(call: HostCall): Promise<unknown> {
    if (this.transactionIn !== null && this.transactionIn !== this.host?.generation) {
      throw this.lastStop ?? new EngineStoppedError('stopped', 'The database engine stopped during this change; nothing of it was saved. Try again.', null);
    }
    const inTransaction = this.transactionIn !== null;
    try {
      return await this.call(call);
    } catch (error) {
      const retry = !inTransaction && (call.op === 'all' || call.op === 'get') && error instanceof EngineStoppedError && error.kind === 'stopped';
      if (!retry) throw error;
      return this.call(call);
    }
  }

  private async call(call: HostCall): Promise<unknown> {
    return this.callOn(await this.liveHost(), call);
  }

  private callOn(host: Host, call: HostCall): Promise<unknown> {
    return host.call(call, SYNC_OPS.has(call.op) ? (this.options.syncTimeoutMs ?? SYNC_TIMEOUT_MS) : (this.options.callTimeoutMs ?? CALL_TIMEOUT_MS));
  }

  private async remote(): Promise<RemoteSnapshot> {
    const { url, authToken } = this.connectOptions;
    return {
      url: typeof url === 'function' ? url() : (url ?? null),
      authToken: typeof authToken === 'function' ? await authToken() : (authToken ?? ''),
    };
  }

  private async liveHost(): Promise<Host> {
    if (this.closed) throw new AppError('STORAGE_FAILED', 'The workspace database is closed.');
    if (this.gaveUp) throw this.gaveUp;
    if (this.host) return this.host;
    this.starting ??= this.startHost().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startHost(): Promise<Host> {
    const spawn = this.options.spawn ?? nodeEngineSpawner;
    // A host started ahead of time (spare-host.ts) has said 'ready' already, or will: its own listener saw that.
    const warm = this.options.spare?.take() ?? null;
    const host = new Host(warm?.channel ?? spawn(this.options.script ?? engineHostScript()), ++this.generation);
    let ready!: () => void;
    host.ready = new Promise<void>((resolve) => (ready = resolve));
    host.channel.onMessage((message) => this.onMessage(host, message, ready));
    if (warm) void warm.ready.then((isReady) => isReady && ready());
    void host.exited.then((exit) => this.onExit(host, exit));
    const startTimer = setTimeout(() => {
      host.hungAfterMs = START_TIMEOUT_MS;
      host.channel.kill();
    }, START_TIMEOUT_MS);
    try {
      await Promise.race([
        host.ready,
        host.exited.then((exit) => {
          throw stoppedError(exit, host.channel.stderrTail(), host.hungAfterMs);
        }),
      ]);
    } finally {
      clearTimeout(startTimer);
    }
    const { path, clientName, pushOperationsThreshold } = this.connectOptions;
    try {
      await this.callOn(host, { op: 'open', options: { path, clientName, pushOperationsThreshold }, remote: await this.remote() });
    } catch (error) {
      if (error instanceof EngineStoppedError) throw error;
      // The engine refused the files (locked, unreadable): this host is of no use; the caller sees why.
      host.discarded = true;
      host.channel.kill();
      await host.exited;
      throw error;
    }
    this.host = host;
    return host;
  }

  private onMessage(host: Host, message: FromHost, ready: () => void): void {
    switch (message.kind) {
      case 'ready':
        ready();
        return;
      case 'reply':
        host.settle(message);
        return;
      case 'fetch':
        void this.forwardFetch(host, message);
        return;
      case 'fetch-ack':
        host.downloads.ack(message.fetchId, message.consumed);
        return;
    }
  }

  /** Runs the engine's sync request with main's fetch (meters, byte counts) and streams the answer back. */
  private async forwardFetch(host: Host, request: Extract<FromHost, { kind: 'fetch' }>): Promise<void> {
    const { fetchId } = request;
    const send = host.channel.send.bind(host.channel);
    try {
      const fetchImpl = this.connectOptions.fetch ?? globalThis.fetch;
      const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body });
      send({ kind: 'fetch-head', fetchId, status: response.status, statusText: response.statusText, headers: Object.fromEntries(response.headers.entries()) });
      // At most a window ahead of what the engine has read (fetch-window.ts); a host that ended reads no more.
      const target = { room: (bytes: number) => host.downloads.room(fetchId, bytes), send: (chunk: Uint8Array) => send({ kind: 'fetch-chunk', fetchId, chunk }) };
      if (response.body && !(await forwardBody(response.body, target))) return;
      send({ kind: 'fetch-end', fetchId });
    } catch (error) {
      send({ kind: 'fetch-error', fetchId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      host.downloads.end(fetchId);
    }
  }

  private onExit(host: Host, exit: HostExit): void {
    host.downloads.close();
    if (this.host === host) this.host = null;
    if (this.closed || host.discarded) {
      host.failAll(new AppError('STORAGE_FAILED', 'The workspace database was closed.'));
      return;
    }
    const error = stoppedError(exit, host.channel.stderrTail(), host.hungAfterMs);
    host.failAll(error);
    // A host that died while starting counts too: an abort on open must not loop.
    this.lastStop = error;
    this.deathsInARow = Date.now() - host.startedAt > SERVED_WELL_MS ? 1 : this.deathsInARow + 1;
    if (this.deathsInARow >= (this.options.restartLimit ?? RESTART_LIMIT)) this.gaveUp = gaveUpError(this.deathsInARow, error);
    this.options.onStopped?.(this.gaveUp ?? error);
  }
}

/** An EngineConnector that runs the engine in a supervised host process (for openReplica's `connector`). */
export function engineHostConnector(options: EngineHostOptions = {}): EngineConnector & { engines: HostedEngine[] } {
  const engines: HostedEngine[] = [];
  const connector = async (connectOptions: DatabaseOpts): Promise<EngineDatabase> => {
    const engine = new HostedEngine(connectOptions, options);
    await engine.start();
    engines.push(engine);
    return engine;
  };
  return Object.assign(connector, { engines });
}
