import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { bindWebSocket } from '../../../../electron/core/rpc/ws-binding.js';
import { freePort } from '../../../../electron/core/primary/local-primary.js';
import { startTestCore } from '../../../helpers/core.js';

async function serve() {
  const core = await startTestCore();
  const port = await freePort();
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  const origin = `http://127.0.0.1:${port}`;
  bindWebSocket(wss, core.dispatch, core.events, [origin]);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const close = () => new Promise<void>((r) => {
    wss.clients.forEach((c) => c.terminate());
    wss.close();
    server.close(() => r());
  });
  return { core, url: `ws://127.0.0.1:${port}`, origin, close };
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, skipEvents = false): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      // A write also makes the sync loop publish its status; answers are what this test reads.
      if (skipEvents && message.type === 'event') return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
  });
}

describe('the contract over a loopback WebSocket', () => {
  it('runs the same validation as IPC and returns results by request id', async () => {
    const { url, origin, close } = await serve();
    const ws = await connect(url, origin);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'jobs.create', input: { title: 'Roof survey' } }));
    const created = await nextMessage(ws, true);
    expect(created).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { title: 'Roof survey' } } });

    ws.send(JSON.stringify({ type: 'invoke', id: 2, name: 'jobs.create', input: { title: 7 } }));
    expect(await nextMessage(ws, true)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'INVALID_INPUT' } } });

    ws.send('not json at all');
    expect(await nextMessage(ws, true)).toMatchObject({ type: 'error', error: { code: 'INVALID_INPUT' } });
    ws.close();
    await close();
  });

  it('pushes events to connected clients', async () => {
    const { core, url, origin, close } = await serve();
    const ws = await connect(url, origin);
    const message = nextMessage(ws);
    core.events.emit('data.changed', { entities: ['job'] });
    expect(await message).toEqual({ type: 'event', event: 'data.changed', payload: { entities: ['job'] } });
    ws.close();
    await close();
  });

  it('closes connections from any other origin before they can call anything', async () => {
    const { url, close } = await serve();
    const ws = new WebSocket(url, { origin: 'http://evil.example' });
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(1008);
    await close();
  });
});
