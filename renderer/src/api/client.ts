/** The renderer's only way to reach main: the preload bridge in Electron, the WebSocket in the browser host. */
import type { FieldbookBridge } from '../../../shared/bridge';
import type { EventName, EventPayloads, HandlerInput, HandlerName, HandlerOutput } from '../../../shared/contract/index';
import type { ErrorCode } from '../../../shared/errors';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    fieldbook?: FieldbookBridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending input field's path ("title", "items.1"), when main named one. */
    readonly field?: string,
    /** For the console only: the handler and the schema's wording. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A handler name at the start of a message ("templates.create: …") is for logs, never for the worker. */
const HANDLER_PREFIX = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*: /;

/** What to show a worker for any failure: main's plain words, without internal names. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(HANDLER_PREFIX, '') || 'Something went wrong; try again.';
}

const bridge: FieldbookBridge =
  window.fieldbook ?? createWsBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);

export async function call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<HandlerOutput<K>> {
  const result = await bridge.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.field, result.error.detail);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return bridge.on(event, listener);
}
