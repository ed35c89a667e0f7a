import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldbookBridge } from '../../../shared/bridge.js';

// Thin stand-in for Electron's preload modules (Electron cannot run here).
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'answer' };
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    await import('../../../electron/preload/preload.js');
  });

  it('exposes one frozen object with invoke and on only, never ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['fieldbook']);
    const bridge = exposed.fieldbook as FieldbookBridge;
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards known handlers on their own channel and refuses unknown names and events', async () => {
    const bridge = exposed.fieldbook as FieldbookBridge;
    expect(await bridge.invoke('jobs.list', {})).toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([['fieldbook:jobs.list', {}]]);
    await expect(bridge.invoke('shell.exec' as never, {} as never)).rejects.toThrow(/unknown handler/);
    expect(() => bridge.on('anything' as never, () => undefined)).toThrow(/unknown event/);
  });
});
