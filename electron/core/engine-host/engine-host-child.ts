/**
 * The engine host: a process of its own (plain Node `fork`, or Electron's
 * utilityProcess) that owns one replica's engine connection, so a native
 * abort on a corrupt page (a Rust panic in pager.rs, measured) ends this
 * process and not the app. Main talks to it through hosted-engine.ts; the
 * messages are in protocol.ts. It keeps no logic of its own: the write lock,
 * transactions, busy retries and the journal stay in main.
 */
import { connect, type Database } from '@tursodatabase/sync';
import type { SqlValue } from '../db/database.js';
import { serializeError, type FromHost, type HostCall, type RemoteSnapshot, type ToHost } from './protocol.js';
import { acknowledgedBody } from './fetch-window.js';

interface Statement {
  all(...params: SqlValue[]): Promise<unknown[]>;
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
let remote: RemoteSnapshot = { url: null, authToken: '' };
// Preparing is most of a point read's cost: each distinct statement is prepared once.
const statements = new Map<string, Promise<Statement>>();

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

function prepared(sql: string): Promise<Statement> {
  let statement = statements.get(sql);
  if (!statement) {
    statement = open().prepare(sql) as unknown as Promise<Statement>;
    statement.catch(() => statements.delete(sql));
    statements.set(sql, statement);
  }
  return statement;
}

async function perform(call: HostCall): Promise<unknown> {
  switch (call.op) {
    case 'open':
      remote = call.remote;
      database = await connect({
        path: call.options.path,
        url: () => remote.url,
        authToken: async () => remote.authToken,
        clientName: call.options.clientName,
        pushOperationsThreshold: call.options.pushOperationsThreshold,
        fetch: fetchThroughMain,
      });
      return null;
    case 'all':
      return (await prepared(call.sql)).all(...call.params);
    case 'get':
      return (await (await prepared(call.sql)).get(...call.params)) ?? null;
    case 'run': {
      const info = await (await prepared(call.sql)).run(...call.params);
      return { changes: Number(info.changes) };
    }
    case 'exec':
      await open().exec(call.sql);
      return null;
    case 'push':
      remote = call.remote;
      await open().push();
      return null;
    case 'pull':
      remote = call.remote;
      return open().pull();
    case 'stats':
      remote = call.remote;
      return open().stats();
    case 'checkpoint':
      remote = call.remote;
      await open().checkpoint();
      return null;
    case 'close':
      statements.clear();
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
