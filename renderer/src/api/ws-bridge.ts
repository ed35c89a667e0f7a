/** The bridge over the browser host's WebSocket: same shape as the Electron preload's. */
import type { FieldbookBridge } from '../../../shared/bridge';
import type { EventName } from '../../../shared/contract/index';
import type { Result } from '../../../shared/errors';

interface Incoming {
  type: 'result' | 'event' | 'error';
  id?: number;
  result?: Result<unknown>;
  event?: EventName;
  payload?: unknown;
}

export function createWsBridge(url: string): FieldbookBridge {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('Lost the connection to the Fieldbook host.'));
      };
      ws.onclose = () => {
        socket = null;
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'INTERNAL', message: 'Lost the connection to the Fieldbook host.' } });
        }
        pending.clear();
        // Reconnect so events keep flowing after a host restart.
        setTimeout(() => void open().catch(() => undefined), 1000);
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as Incoming;
        if (data.type === 'result' && data.id !== undefined && data.result) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else if (data.type === 'event' && data.event) {
          listeners.get(data.event)?.forEach((listener) => listener(data.payload));
        }
      };
    });
    return opening;
  };

  return {
    async invoke(name, input) {
      const ws = await open();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
    },
    on(event, listener) {
      void open().catch(() => undefined);
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
