import { describe, expect, it } from 'vitest';
import { ipcChannel } from '../../../shared/bridge.js';
import { HANDLER_NAMES } from '../../../shared/contract/index.js';
import type { Dispatch } from '../../../electron/core/rpc/registry.js';
import { bindIpc, FORBIDDEN } from '../../../electron/main/ipc-binding.js';

/** A thin stand-in for Electron's ipcMain (the binary cannot run here): it records handlers. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    handlers,
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const event = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('Electron IPC binding', () => {
  it('registers exactly one channel per contract entry and unregisters them', () => {
    const ipc = fakeIpcMain();
    const unbind = bindIpc(ipc as never, async () => ({ ok: true, value: null }));
    expect([...ipc.handlers.keys()].sort()).toEqual(HANDLER_NAMES.map(ipcChannel).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('checks the sender before the payload reaches dispatch', async () => {
    const ipc = fakeIpcMain();
    const calls: unknown[] = [];
    const dispatch: Dispatch = async (name, input) => {
      calls.push([name, input]);
      return { ok: true, value: 'done' };
    };
    bindIpc(ipc as never, dispatch);
    const handler = ipc.handlers.get(ipcChannel('jobs.list'))!;
    expect(await handler(event('https://evil.example/'), {})).toEqual(FORBIDDEN);
    expect(await handler(event('app://fieldbook/index.html', { url: 'app://fieldbook/' }), {})).toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
    expect(await handler(event('app://fieldbook/index.html'), { limit: 5 })).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([['jobs.list', { limit: 5 }]]);
  });
});
