/**
 * Exposes exactly one frozen object to the page. It can call contract
 * handlers and listen to contract events by name; it never hands out ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, type FieldbookBridge } from '../../shared/bridge.js';
import { isEventName, isHandlerName } from '../../shared/contract/index.js';

const bridge: FieldbookBridge = {
  invoke: (name, input) => {
    if (!isHandlerName(name)) return Promise.reject(new Error(`unknown handler ${String(name)}`));
    return ipcRenderer.invoke(ipcChannel(name), input);
  },
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const channel = `fieldbook:event:${event}`;
    const wrapped = (_: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('fieldbook', Object.freeze(bridge) satisfies FieldbookBridge);
