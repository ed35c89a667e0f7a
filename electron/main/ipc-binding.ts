/**
 * The only place that registers IPC handlers: one channel per contract entry,
 * each checking the sender before the shared dispatch validates the input.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { HANDLER_NAMES } from '../../shared/contract/index.js';
import { ipcChannel } from '../../shared/bridge.js';
import type { Result } from '../../shared/errors.js';
import type { Dispatch } from '../core/rpc/registry.js';
import { isTrustedSender } from './sender-check.js';

export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Fieldbook window.' },
};

export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const name of HANDLER_NAMES) {
    ipcMain.handle(ipcChannel(name), (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedSender(event.senderFrame) ? dispatch(name, input) : FORBIDDEN,
    );
  }
  return () => HANDLER_NAMES.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}
