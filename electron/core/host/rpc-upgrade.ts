/**
 * Who may open the browser host's /rpc socket, decided on the HTTP upgrade
 * request before any WebSocket exists: the wrong path is 404, a foreign or
 * missing Origin 403 (any page in the user's browser can try to connect to
 * loopback), and past MAX_WS_CONNECTIONS 503. Refused sockets get an answer
 * and are destroyed; nothing a refused client sends is ever parsed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { isAllowedOrigin } from '../rpc/ws-binding.js';

/** One page needs one socket; a few tabs and reloads fit well below this. */
export const MAX_WS_CONNECTIONS = 32;

export interface RpcUpgradeOptions {
  path: string;
  allowedOrigins: readonly string[];
  maxConnections?: number;
}

const REASONS: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  // Whatever the client writes after the answer is never read: the socket goes once the answer is out.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Takes over `upgrade` on the HTTP server for a WebSocketServer made with `noServer: true`. */
export function routeRpcUpgrades(server: Server, wss: WebSocketServer, options: RpcUpgradeOptions): void {
  const max = options.maxConnections ?? MAX_WS_CONNECTIONS;
  let open = 0;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removed its own listener for upgraded sockets: without one, a reset would be an uncaught error.
    socket.on('error', () => socket.destroy());
    const path = (request.url ?? '').split('?')[0];
    if (path !== options.path) return refuse(socket, 404, 'not found');
    if (!isAllowedOrigin(request, options.allowedOrigins)) return refuse(socket, 403, 'origin not allowed');
    if (open >= max) return refuse(socket, 503, 'too many connections');
    // Counted from here until the socket is gone, also when ws refuses the handshake itself (bad key or version).
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => wss.emit('connection', ws, request));
  });
}
