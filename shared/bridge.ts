/** The one object the preload exposes to the page (window.fieldbook), and the WebSocket client mirrors. */
import type { EventName, EventPayloads, HandlerInput, HandlerName, HandlerOutput } from './contract/index.js';
import type { Result } from './errors.js';

export interface FieldbookBridge {
  invoke<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Result<HandlerOutput<K>>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Channel names on Electron's IPC: one per handler, prefixed so nothing else collides. */
export const IPC_PREFIX = 'fieldbook:';
export const ipcChannel = (name: string): string => `${IPC_PREFIX}${name}`;
