/**
 * The engine host: a process of its own (plain Node `fork`, or Electron's
 * utilityProcess) that owns one replica's engine connection, so a native
 * abort on a corrupt page (a Rust panic in pager.rs, measured) ends this
 * process and not the app. Main talks to it through hosted-engine.ts; the
 * messages are in protocol.ts. The write lock, transactions, busy retries and
 * the journal stay in main. Its one policy of its own is how it pushes:
 * new job and change-log rows go as short REPLACE statements through the
 * engine's transform (compact-push.ts), a run of them as one statement
 * (batched-insert.ts), which 0.7.2 allows only while no
 * schema change is unpushed, so the connection is reopened with or without
 * the transform around a push (`pushCompact`).
 */
import fs from 'node:fs';
import { connect, type Database } from '@tursodatabase/sync';
import type { SqlValue } from '../db/database.js';
import { batchedInsert } from './batched-insert.js';
import { pushBatchInfo } from './compact-push.js';
import { PLAN_SQL, readPushPlan, type PushPlan } from './push-plan.js';
import { LAST_CHANGE_SQL, lastUnpushedSchemaChange, SCHEMA_IN_RANGE_SQL } from './unpushed-schema.js';
import { acknowledgedBody } from './fetch-window.js';
import { serializeError, type FromHost, type HostCall, type OpenOptions, type RemoteSnapshot, type ToHost } from './protocol.js';

interface Statement {
  all(...params: SqlValue[]): Promise<unknown[]>;
  raw(toggle: boolean): Statement;
  columns(): { name: string }[];
  get(...params: SqlValue[]): Promise<unknown>;
  run(...params: SqlValue[]): Promise<{ changes: number | bigint }>;
}

interface Port {
  send(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utility process has `process.parentPort`; a Node `fork` child has `process.send`. */
function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToHost)),
    };
  }
  if (!process.send) throw new Error('engine host: started without an IPC channel to main');
  return {
    send: (message) => process.send!(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToHost)),
  };
}

const port = parentPort();
let database: Database | null = null;
let openOptions: OpenOptions | null = null;
let remote: RemoteSnapshot = { url: null, authToken: '' };
/** Whether the open connection has the compact-insert transform. */
let compact = false;
/** A schema statement ran since the last push found none unpushed: no transform until a push has checked again. */
let schemaWritten = false;
/** Between a BEGIN and its COMMIT/ROLLBACK: the connection is never reopened then. */
let inTransaction = false;
/** Calls running on the connection; a reopen waits for them to end. */
let inflight = 0;
let drained: (() => void) | null = null;
/** Set while the connection is being reopened: calls outside a transaction wait for it. */
let switching: Promise<void> | null = null;
/** While the schema part of a push goes without the transform: where to stop it (see pushCompact). */
let pushGuard: { schemaUpTo: number; tripped: boolean } | null = null;
let pushes: Promise<unknown> = Promise.resolve();
/** The running compact push's plan: which new rows may be skipped (push-plan.ts). */
let pushPlan: PushPlan | null = null;
const SCHEMA_SQL = /^\s*(CREATE|ALTER|DROP)\b/i;
const TRANSACTION_SQL = /^\s*(BEGIN|COMMIT|END|ROLLBACK)\b/i;
// Preparing is most of a point read's cost: each distinct statement is prepared once.
const statements = new Map<string, Promise<Statement>>();
// The same statements once prepared, so a call on a known statement runs without waiting on a promise first.
const ready = new Map<string, Statement>();

interface PendingFetch {
  resolve: (response: Response) => void;
  reject: (error: Error) => void;
  controller: ReadableStreamDefaultController<Uint8Array> | null;
  enqueue?: (chunk: Uint8Array) => void;
}
const fetches = new Map<number, PendingFetch>();
let nextFetchId = 1;

/** Every sync request goes to main, whose fetch wrapper counts progress and bytes; the body streams back. */
const fetchThroughMain = ((input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const fetchId = nextFetchId++;
  const body = init?.body;
  const bytes = body instanceof Uint8Array ? body : typeof body === 'string' ? new TextEncoder().encode(body) : null;
  if (pushGuard && bytes) {
    // The schema is on the primary once a batch without schema changes would go past it: stop there, switch on the transform.
    const batch = pushBatchInfo(bytes);
    if (batch && !batch.hasSchema && batch.upTo > pushGuard.schemaUpTo) {
      pushGuard.tripped = true;
      return Promise.reject(new Error('engine host: push paused to switch to compact statements'));
    }
  }
  return new Promise<Response>((resolve, reject) => {
    fetches.set(fetchId, { resolve, reject, controller: null });
    port.send({
      kind: 'fetch',
      fetchId,
      url: String(input instanceof Request ? input.url : input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: bytes,
    });
  });
}) as typeof fetch;

function onFetchMessage(message: Exclude<ToHost, { kind: 'call' }>): void {
  const pending = fetches.get(message.fetchId);
  if (!pending) return;
  switch (message.kind) {
    case 'fetch-head': {
      const fetchId = message.fetchId;
      const body = acknowledgedBody((consumed) => port.send({ kind: 'fetch-ack', fetchId, consumed }));
      pending.controller = body.controller();
      pending.enqueue = body.enqueue;
      pending.resolve(new Response(body.stream, { status: message.status, statusText: message.statusText, headers: message.headers }));
      return;
    }
    case 'fetch-chunk':
      pending.enqueue?.(message.chunk);
      return;
    case 'fetch-end':
      pending.controller?.close();
      fetches.delete(message.fetchId);
      return;
    case 'fetch-error': {
      const error = new Error(message.message);
      if (pending.controller) pending.controller.error(error);
      else pending.reject(error);
      fetches.delete(message.fetchId);
      return;
    }
  }
}

function open(): Database {
  if (!database) throw new Error('engine host: the replica is not open');
  return database;
}

function connectEngine(withTransform: boolean): Promise<Database> {
  if (!openOptions) throw new Error('engine host: the replica is not open');
  return connect({
    path: openOptions.path,
    url: () => remote.url,
    authToken: async () => remote.authToken,
    clientName: openOptions.clientName,
    pushOperationsThreshold: openOptions.pushOperationsThreshold,
    fetch: fetchThroughMain,
    // One transform per connection: it keeps the run of rows of the batch being built.
    ...(withTransform ? { transform: batchedInsert(() => pushPlan) } : {}),
  });
}

/** Runs a call on the connection, after any reopen under way (a call inside an open transaction goes on: the reopen waits for it). */
async function use<T>(fn: () => Promise<T>): Promise<T> {
  while (switching && !inTransaction) await switching;
  inflight += 1;
  try {
    return await fn();
  } finally {
    inflight -= 1;
    if (inflight === 0) drained?.();
  }
}

/** Reopens the connection with or without the transform, once no call runs and no transaction is open. */
async function reopen(withTransform: boolean): Promise<void> {
  if (compact === withTransform) return;
  let done!: () => void;
  switching = new Promise<void>((resolve) => (done = resolve));
  try {
    while (inflight > 0 || inTransaction) await new Promise<void>((resolve) => (drained = resolve));
    drained = null;
    statements.clear();
    ready.clear();
    await database?.close();
    database = null;
    try {
      database = await connectEngine(withTransform);
      compact = withTransform;
    } catch (error) {
      // Never leave the host without a connection: the plain one is what it had before.
      database = await connectEngine(false);
      compact = false;
      if (withTransform) return;
      throw error;
    }
  } finally {
    switching = null;
    done();
  }
}

/** The engine's note of how far the primary holds this replica's changes (a hint: 0 when unreadable, which only costs bytes). */
function lastPushedChangeId(): number {
  try {
    const info = JSON.parse(fs.readFileSync(`${openOptions?.path ?? ''}-info`, 'utf8')) as { last_pushed_change_id_hint?: unknown };
    return typeof info.last_pushed_change_id_hint === 'number' ? info.last_pushed_change_id_hint : 0;
  } catch {
    return 0;
  }
}

/** Schema statements run on this connection so far: a read of the change table that yields notices one that ran meanwhile. */
let schemaStatements = 0;

function noteSchema(): void {
  schemaWritten = true;
  schemaStatements += 1;
}

/** Resolves once no transaction is open on the connection (a read between slices then sees only committed row changes). */
let transactionEnded: (() => void)[] = [];
async function outsideTransaction(): Promise<void> {
  while (inTransaction) await new Promise<void>((resolve) => transactionEnded.push(resolve));
}

function endTransaction(): void {
  inTransaction = false;
  const waiting = transactionEnded;
  transactionEnded = [];
  for (const wake of waiting) wake();
}

/** A sliced read on the connection, taken between transactions. */
function readCommitted<T>(fn: () => Promise<T>): Promise<T> {
  return outsideTransaction().then(() => use(fn));
}

const idOf = (row: unknown): number | null => {
  const id = (row as { id?: unknown } | undefined)?.id;
  return id === null || id === undefined ? null : Number(id);
};

/** The last unpushed schema change's id, null when there is none, Infinity when it cannot be told (then nothing goes compact). */
async function unpushedSchemaChange(): Promise<number | null> {
  const before = schemaStatements;
  try {
    const found = await lastUnpushedSchemaChange(
      {
        lastChange: () => readCommitted(async () => idOf(await (await prepared(LAST_CHANGE_SQL)).get())),
        schemaIn: (afterId, upToId) => readCommitted(async () => idOf(await (await prepared(SCHEMA_IN_RANGE_SQL)).get(afterId, upToId))),
      },
      lastPushedChangeId(),
    );
    // A schema statement ran while the slices were read: it may lie in a slice already read.
    return schemaStatements === before ? found : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * A push with the compact statements wherever 0.7.2 allows them: with no
 * schema change unpushed, all of it; otherwise the schema part first without
 * the transform, stopped (by the fetch guard, before the request leaves) at
 * the first batch past the last schema change, then the rest with it. A
 * stopped push is what the engine sees on a network failure: batches already
 * on the primary stay, and the next push resumes from the primary's watermark.
 */
async function pushCompact(): Promise<void> {
  const schemaUpTo = await unpushedSchemaChange();
  if (schemaUpTo === null) {
    schemaWritten = false;
    await reopen(true);
    await pushWithPlan();
    return;
  }
  await reopen(false);
  const guard = { schemaUpTo, tripped: false };
  pushGuard = guard;
  try {
    await use(() => open().push());
    return;
  } catch (error) {
    if (!guard.tripped) throw error;
  } finally {
    pushGuard = null;
  }
  schemaWritten = false;
  await reopen(true);
  await pushWithPlan();
}

/** A push on the compact connection, with the plan of its new rows read just before (without one, no row is skipped: only bytes are lost). */
async function pushWithPlan(): Promise<void> {
  try {
    const read = (afterId: number, limit: number) => readCommitted(async () => (await (await prepared(RAW_KEY + PLAN_SQL)).all(afterId, limit)) as unknown[][]);
    pushPlan = compact ? await readPushPlan(read, lastPushedChangeId()) : null;
  } catch {
    pushPlan = null;
  }
  try {
    await use(() => open().push());
  } finally {
    pushPlan = null;
  }
}

function noteStatement(sql: string, succeeded: boolean): void {
  if (SCHEMA_SQL.test(sql)) noteSchema();
  const verb = TRANSACTION_SQL.exec(sql)?.[1]?.toUpperCase();
  if (verb === 'BEGIN' && succeeded) inTransaction = true;
  else if (verb === 'ROLLBACK' || (verb !== undefined && verb !== 'BEGIN' && succeeded)) endTransaction();
}

/** Cache key of a statement's raw twin (rows as arrays), kept beside it in the same maps. */
const RAW_KEY = '\u0000raw\u0000';

function prepared(sql: string): Promise<Statement> {
  let statement = statements.get(sql);
  if (!statement) {
    const raw = sql.startsWith(RAW_KEY);
    const text = raw ? sql.slice(RAW_KEY.length) : sql;
    statement = (open().prepare(text) as unknown as Promise<Statement>).then((done) => (raw ? done.raw(true) : done));
    statement.then(
      (done) => void ready.set(sql, done),
      () => statements.delete(sql),
    );
    statements.set(sql, statement);
  }
  return statement;
}

/** A statement call, straight on the prepared statement when it is known (the common case). */
function onStatement(sql: string, use: (statement: Statement) => Promise<unknown>): Promise<unknown> {
  const known = ready.get(sql);
  return known ? use(known) : prepared(sql).then(use);
}

async function perform(call: HostCall): Promise<unknown> {
  switch (call.op) {
    case 'open':
      remote = call.remote;
      openOptions = call.options;
      // Opened plain: migrations may still write schema; the first push decides on the transform.
      database = await connectEngine(false);
      return null;
    case 'all':
      // Rows as arrays plus the column names once: the binding builds a JS object per row at ~1.5 µs a
      // column on this thread, arrays cost about a third of that (a 250-row export page: 8 → 3 ms), and
      // main makes the objects (rowsFromRaw).
      return use(() =>
        onStatement(RAW_KEY + call.sql, async (statement) => ({ columns: statement.columns().map((c) => c.name), rows: (await statement.all(...call.params)) as unknown[][] })),
      );
    case 'get':
      return use(() => onStatement(call.sql, async (statement) => (await statement.get(...call.params)) ?? null));
    case 'run': {
      if (SCHEMA_SQL.test(call.sql)) noteSchema();
      return use(() => onStatement(call.sql, async (statement) => ({ changes: Number((await statement.run(...call.params)).changes) })));
    }
    case 'exec':
      await use(async () => {
        try {
          await open().exec(call.sql);
        } catch (error) {
          noteStatement(call.sql, false);
          throw error;
        }
        noteStatement(call.sql, true);
      });
      return null;
    case 'push': {
      remote = call.remote;
      // One push at a time: a push may reopen the connection.
      const pushed = pushes.then(pushCompact);
      pushes = pushed.catch(() => undefined);
      await pushed;
      return null;
    }
    case 'pull':
      remote = call.remote;
      // A pull replays unpushed local changes through the transform too: never with a schema change among them.
      if (compact && schemaWritten) await reopen(false);
      return use(() => open().pull());
    case 'stats':
      remote = call.remote;
      return use(() => open().stats());
    case 'checkpoint':
      remote = call.remote;
      await use(() => open().checkpoint());
      return null;
    case 'close':
      statements.clear();
      ready.clear();
      await database?.close();
      database = null;
      return null;
  }
}

port.onMessage((message) => {
  if (message.kind !== 'call') {
    onFetchMessage(message);
    return;
  }
  const { id } = message;
  perform(message).then(
    (value) => port.send({ kind: 'reply', id, ok: true, value }),
    (error: unknown) => port.send({ kind: 'reply', id, ok: false, error: serializeError(error) }),
  );
});
// Main is gone (a fork's IPC channel closed): never outlive it holding the replica's files.
process.on('disconnect', () => process.exit(0));
port.send({ kind: 'ready', pid: process.pid });
