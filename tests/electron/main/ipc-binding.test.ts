import { describe, expect, it } from 'vitest';
import { ipcChannel } from '../../../shared/bridge.js';
import { HANDLER_NAMES } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';
import type { Dispatch } from '../../../electron/core/rpc/registry.js';
import { bindIpc, FORBIDDEN } from '../../../electron/main/ipc-binding.js';
import type { FrameLike } from '../../../electron/main/sender-check.js';
import { startTestCore } from '../../helpers/core.js';

type Listener = (event: { senderFrame: FrameLike | null }, input: unknown) => Promise<Result<unknown>> | Result<unknown>;

/** A stand-in for ipcMain that records handlers so the test can invoke them like the renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
}

const APP_FRAME: FrameLike = { url: 'app://fieldbook/index.html', parent: null };

describe('bindIpc', async () => {
  it('registers one channel per contract entry and removes them all', async () => {
    const core = await startTestCore();
    const { ipcMain, handlers } = fakeIpcMain();
    const unbind = bindIpc(ipcMain as never, core.dispatch);
    expect([...handlers.keys()].sort()).toEqual(HANDLER_NAMES.map(ipcChannel).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers the app main frame through the real dispatch', async () => {
    const core = await startTestCore();
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain as never, core.dispatch);
    const result = await handlers.get(ipcChannel('workspace.info'))!({ senderFrame: APP_FRAME }, {});
    expect(result.ok).toBe(true);
  });

  it('refuses sub-frames, other origins, file:// and missing frames before touching the core', async () => {
    const core = await startTestCore();
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain as never, core.dispatch);
    const senders: (FrameLike | null)[] = [
      { url: 'app://fieldbook/index.html', parent: APP_FRAME },
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      null,
    ];
    for (const senderFrame of senders) {
      const result = await handlers.get(ipcChannel('jobs.create'))!({ senderFrame }, { title: 'Injected' });
      expect(result).toEqual(FORBIDDEN);
    }
    const list = await core.dispatch('jobs.list', {});
    expect(list.ok && (list.value as { items: unknown[] }).items).toEqual([]);
  });

  it('gives a trusted sender with a malformed payload INVALID_INPUT', async () => {
    const core = await startTestCore();
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain as never, core.dispatch);
    for (const input of [{ title: 42 }, { title: 'x', extra: true }, 'not an object', [1, 2]]) {
      const result = await handlers.get(ipcChannel('jobs.create'))!({ senderFrame: APP_FRAME }, input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    }
  });

  it('checks the sender before the payload reaches dispatch', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const calls: unknown[] = [];
    const dispatch: Dispatch = async (name, input) => {
      calls.push([name, input]);
      return { ok: true, value: 'done' };
    };
    bindIpc(ipcMain as never, dispatch);
    const handler = handlers.get(ipcChannel('jobs.list'))!;
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).toEqual(FORBIDDEN);
    expect(await handler({ senderFrame: { url: 'app://fieldbook/index.html', parent: APP_FRAME } }, {})).toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
    expect(await handler({ senderFrame: APP_FRAME }, { limit: 5 })).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([['jobs.list', { limit: 5 }]]);
  });
});
