/**
 * The contract over a loopback WebSocket: the same dispatch (and so the same
 * validation) as Electron's IPC, for the browser host and tests. The origin
 * check plays the part of Electron's sender check.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import type { EventHub } from '../events.js';
import type { Dispatch } from './registry.js';

export interface WsInvoke {
  type: 'invoke';
  id: number;
  name: string;
  input: unknown;
}

export const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;

function parseInvoke(data: string): WsInvoke | null {
  try {
    const message = JSON.parse(data) as Partial<WsInvoke>;
    if (message?.type === 'invoke' && Number.isSafeInteger(message.id) && typeof message.name === 'string') {
      return message as WsInvoke;
    }
  } catch {
    // answered below as a malformed message
  }
  return null;
}

export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  return typeof origin === 'string' && allowedOrigins.includes(origin);
}

export function bindWebSocket(
  server: WebSocketServer,
  dispatch: Dispatch,
  events: EventHub,
  allowedOrigins: readonly string[],
): void {
  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    // A frame over maxPayload or a text frame that is not UTF-8 is reported here, after ws
    // has closed the socket (1009, 1007). Without a listener it would take the process down.
    socket.on('error', () => socket.terminate());
    // The host refuses foreign origins before the upgrade; this is the same check for any other server.
    if (!isAllowedOrigin(request, allowedOrigins)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    const send = (message: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const unsubscribe = events.on((event, payload) => send({ type: 'event', event, payload }));
    socket.on('close', unsubscribe);
    socket.on('message', async (raw: Buffer, isBinary: boolean) => {
      const invoke = isBinary ? null : parseInvoke(raw.toString('utf8'));
      if (!invoke) {
        send({ type: 'error', error: { code: 'INVALID_INPUT', message: 'Malformed message: expected {type:"invoke", id, name, input}' } });
        return;
      }
      send({ type: 'result', id: invoke.id, result: await dispatch(invoke.name, invoke.input) });
    });
  });
}
