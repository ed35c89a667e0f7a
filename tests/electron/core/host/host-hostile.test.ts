/**
 * The browser host against hostile clients: the real host (startHostServer
 * around a real core on a temp dir) meets a foreign origin, a frame larger
 * than the message limit, a text frame that is not UTF-8 and more connections
 * than it accepts, and must still answer a normal contract call afterwards.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_WS_CONNECTIONS } from '../../../../electron/core/host/rpc-upgrade.js';
import { startHostServer, type HostServer } from '../../../../electron/core/host/host-server.js';
import { freePort } from '../../../../electron/core/primary/local-primary.js';
import { MAX_WS_MESSAGE_BYTES } from '../../../../electron/core/rpc/ws-binding.js';
import { startTestCore } from '../../../helpers/core.js';
import { waitFor } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const OVERSIZED = 17 * 1024 * 1024;
const FOREIGN = 'http://evil.example';

async function startHost(): Promise<{ host: HostServer; port: number; origin: string; wsUrl: string }> {
  const core = await startTestCore();
  const port = await freePort();
  const host = await startHostServer(core, tempDir('fieldbook-host-'), port);
  return { host, port, origin: host.url, wsUrl: `ws://127.0.0.1:${port}/rpc` };
}

/** A client frame (clients must mask) with any opcode and payload, including ones ws itself would never send. */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = crypto.randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => {
            const size = Buffer.alloc(8);
            size.writeBigUInt64BE(BigInt(length));
            return size;
          })()]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

interface RawClient {
  socket: net.Socket;
  /** The HTTP status line of the handshake answer, e.g. "HTTP/1.1 101 Switching Protocols". */
  statusLine: string;
  /** Everything the server sent after the handshake answer. */
  received(): Buffer;
  closed: Promise<void>;
}

/** A WebSocket handshake on a plain TCP socket, so the test can then write frames no library would. */
function rawUpgrade(port: number, origin: string | null): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined); // the host may hang up while we still write: expected
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    let head = Buffer.alloc(0);
    let rest = Buffer.alloc(0);
    let statusLine: string | null = null;
    socket.on('data', (chunk: Buffer) => {
      if (statusLine !== null) {
        rest = Buffer.concat([rest, chunk]);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      rest = head.subarray(end + 4);
      resolve({ socket, statusLine, received: () => rest, closed });
    });
    socket.once('close', () => {
      if (statusLine === null) reject(new Error('closed before answering the handshake'));
    });
    socket.write(
      [
        'GET /rpc HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...(origin ? [`Origin: ${origin}`] : []),
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** The close code in the first close frame the server sent (server frames are unmasked). */
function closeCode(data: Buffer): number | null {
  for (let at = 0; at + 2 <= data.length; ) {
    const opcode = data[at]! & 0x0f;
    let length = data[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? data.readUInt16BE(start) : null;
    at = start + length;
  }
  return null;
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

/** The HTTP status a refused upgrade got, or 101 when it was accepted. */
function upgradeStatus(url: string, origin: string): Promise<{ status: number; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, ws });
      response.resume();
    });
    ws.once('error', (error) => reject(error));
  });
}

async function call(ws: WebSocket, id: number, name: string, input: unknown = {}): Promise<Record<string, unknown>> {
  const answer = new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (data: unknown) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type !== 'result' || message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
  });
  ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
  return answer;
}

function closeAll(sockets: WebSocket[]): Promise<void> {
  return Promise.all(
    sockets.map((ws) => {
      if (ws.readyState === WebSocket.CLOSED) return undefined;
      const gone = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close();
      return gone;
    }),
  ).then(() => undefined);
}

async function stillAnswers(wsUrl: string, origin: string): Promise<void> {
  const good = await connect(wsUrl, origin);
  const info = await call(good, 1, 'workspace.info');
  expect(info).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { schemaVersion: expect.any(Number) } } });
  good.close();
}

describe('the browser host against hostile clients', () => {
  it('refuses a foreign or missing origin with HTTP 403 before the upgrade, whatever it sends next', async () => {
    const { host, port, origin, wsUrl } = await startHost();
    try {
      expect((await upgradeStatus(wsUrl, FOREIGN)).status).toBe(403);
      expect((await upgradeStatus(wsUrl, `${origin}.evil.example`)).status).toBe(403);
      const missing = await rawUpgrade(port, null);
      expect(missing.statusLine).toMatch(/^HTTP\/1\.1 403/);

      // A foreign page that ignores the refusal and writes frames anyway reaches nothing.
      const foreign = await rawUpgrade(port, FOREIGN);
      expect(foreign.statusLine).toMatch(/^HTTP\/1\.1 403/);
      foreign.socket.write(clientFrame(0x1, Buffer.from([0xff, 0xfe, 0xfd])));
      foreign.socket.write(clientFrame(0x1, Buffer.alloc(OVERSIZED, 0x61)));
      await foreign.closed;
      await stillAnswers(wsUrl, origin);
    } finally {
      await host.close();
    }
  });

  it('closes only the socket that sends an oversized frame', async () => {
    const { host, origin, wsUrl } = await startHost();
    try {
      const bystander = await connect(wsUrl, origin);
      const hostile = await connect(wsUrl, origin);
      hostile.on('error', () => undefined); // the host hangs up mid-frame
      const closed = new Promise<number>((resolve) => hostile.once('close', (code) => resolve(code)));
      expect(OVERSIZED).toBeGreaterThan(MAX_WS_MESSAGE_BYTES);
      hostile.send(Buffer.alloc(OVERSIZED, 0x61).toString('utf8'));
      expect([1009, 1006]).toContain(await closed);
      expect(bystander.readyState).toBe(WebSocket.OPEN);
      expect(await call(bystander, 7, 'workspace.info')).toMatchObject({ id: 7, result: { ok: true } });
      bystander.close();
      await stillAnswers(wsUrl, origin);
    } finally {
      await host.close();
    }
  });

  it('closes only the socket that sends a text frame that is not UTF-8 (1007)', async () => {
    const { host, port, origin, wsUrl } = await startHost();
    try {
      const bystander = await connect(wsUrl, origin);
      const hostile = await rawUpgrade(port, origin);
      expect(hostile.statusLine).toMatch(/^HTTP\/1\.1 101/);
      hostile.socket.write(clientFrame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d])));
      await hostile.closed;
      expect(closeCode(hostile.received())).toBe(1007);
      expect(await call(bystander, 3, 'workspace.info')).toMatchObject({ id: 3, result: { ok: true } });
      bystander.close();

      // A raw oversized frame header alone (no payload yet) is refused as well.
      const big = await rawUpgrade(port, origin);
      big.socket.write(clientFrame(0x2, Buffer.alloc(OVERSIZED)).subarray(0, 14));
      await big.closed;
      expect(closeCode(big.received())).toBe(1009);
      await stillAnswers(wsUrl, origin);
    } finally {
      await host.close();
    }
  });

  it(`refuses connections beyond ${MAX_WS_CONNECTIONS} with HTTP 503, and takes new ones once others close`, async () => {
    const { host, origin, wsUrl } = await startHost();
    try {
      const open = await Promise.all(Array.from({ length: MAX_WS_CONNECTIONS }, () => connect(wsUrl, origin)));
      const extra = await Promise.all(Array.from({ length: 3 }, () => upgradeStatus(wsUrl, origin)));
      expect(extra.map((e) => e.status)).toEqual([503, 503, 503]);
      // The ones already in keep working.
      expect(await call(open[0]!, 5, 'workspace.info')).toMatchObject({ id: 5, result: { ok: true } });
      const leaving = open.pop()!;
      const gone = new Promise<void>((resolve) => leaving.once('close', () => resolve()));
      leaving.close();
      await gone;
      // The host frees a slot when its side of the socket has closed, a moment after the client's.
      const fits = (count: number) => async () => {
        const attempts = await Promise.all(Array.from({ length: count }, () => upgradeStatus(wsUrl, origin)));
        await closeAll(attempts.map((attempt) => attempt.ws));
        return attempts.every((attempt) => attempt.status === 101);
      };
      await waitFor('a free slot', fits(1));
      await closeAll(open);
      // Every closed connection gave its slot back: a full set fits again.
      await waitFor('all slots free again', fits(MAX_WS_CONNECTIONS));
      await stillAnswers(wsUrl, origin);
    } finally {
      await host.close();
    }
  });

  it('as its own process (like npm run host), outlives every hostile frame from any origin', async () => {
    const port = await freePort();
    const fixture = path.join(import.meta.dirname, 'fixtures', 'host-process.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, tempDir('fieldbook-host-data-'), tempDir('fieldbook-host-'), String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor('the host process to listen', () => output.includes('ready'), 30_000);
      const origin = `http://127.0.0.1:${port}`;
      const wsUrl = `ws://127.0.0.1:${port}/rpc`;
      for (const from of [FOREIGN, origin]) {
        const utf8 = await rawUpgrade(port, from);
        utf8.socket.write(clientFrame(0x1, Buffer.from([0xc3, 0x28])));
        const big = await rawUpgrade(port, from);
        big.socket.write(clientFrame(0x1, Buffer.alloc(OVERSIZED, 0x61)));
        await Promise.all([utf8.closed, big.closed]);
      }
      await stillAnswers(wsUrl, origin);
      expect(child.exitCode, output).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
