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
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const bridge: FieldbookBridge =
  window.fieldbook ?? createWsBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);

export async function call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<HandlerOutput<K>> {
  const result = await bridge.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return bridge.on(event, listener);
}
