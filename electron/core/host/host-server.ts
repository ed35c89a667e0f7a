/**
 * The browser host: serves the built renderer over HTTP on 127.0.0.1 and the
 * IPC contract over a WebSocket at /rpc, backed by the same core as the
 * desktop app. A development and test harness; it is not shipped.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { Core } from '../app-core.js';
import { bindWebSocket, MAX_WS_MESSAGE_BYTES } from '../rpc/ws-binding.js';
import { securityHeaders } from './csp.js';
import { serveDownload } from './download-route.js';
import { routeRpcUpgrades } from './rpc-upgrade.js';
import { CONTENT_TYPES, resolveInside, resolveRealFileInside } from './static-files.js';

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

/** What the host serves: one Core, or a WorkspaceManager (same dispatch and events; the open workspace's exports). */
export type HostedCore = Pick<Core, 'dispatch' | 'events'> & { readonly downloads?: Core['downloads'] };

export async function startHostServer(core: HostedCore, rendererDir: string, port: number): Promise<HostServer> {
  const origin = `http://127.0.0.1:${port}`;
  // The page may connect only to this host's own /rpc socket.
  const headers = securityHeaders({ connectTo: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const server = http.createServer((request, response) => {
    if (core.downloads && serveDownload(core.downloads, request, response, headers)) return;
    if (!resolveInside(rendererDir, request.url ?? '/')) {
      response.writeHead(400, headers).end('bad path');
      return;
    }
    void resolveRealFileInside(rendererDir, request.url ?? '/').then((file) => {
      if (!file) {
        response.writeHead(404, headers).end('not found');
        return;
      }
      fs.readFile(file, (error, body) => {
        if (error) {
          response.writeHead(404, headers).end('not found');
          return;
        }
        response.writeHead(200, {
          ...headers,
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(body);
      });
    });
  });
  const allowedOrigins = [origin, `http://localhost:${port}`];
  // noServer: the upgrade is ours to refuse (origin, path, connection cap) before a socket exists.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  wss.on('error', () => undefined);
  routeRpcUpgrades(server, wss, { path: '/rpc', allowedOrigins });
  bindWebSocket(wss, core.dispatch, core.events, allowedOrigins);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
