/**
 * An emulation of how Electron runs a preload in a sandboxed renderer, for the BUILT preload
 * file. Electron (lib/sandboxed_renderer/init.ts and preload.ts) wraps the file's text in
 *   (function(require, process, exports, module, Buffer, global, setImmediate, clearImmediate) { … })
 * and evaluates it in the isolated world, a browser realm without Node; its `require` knows
 * only the modules below and throws `module not found: <name>` for anything else. Here the realm
 * is a node:vm context, and `electron` is a STAND-IN: contextBridge records exposeInMainWorld,
 * ipcRenderer records invoke/on/removeListener. It cannot prove how the real contextBridge copies
 * the object into the page, nor that real IPC arrives in main (tests/electron-smoke/ does).
 */
import { EventEmitter } from 'node:events';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';

/** What the sandboxed preload's require() gives out, aliases included (Electron 45). */
export const SANDBOX_MODULES = [
  'electron',
  'electron/common',
  'electron/renderer',
  'events',
  'node:events',
  'timers',
  'node:timers',
  'url',
  'node:url',
] as const;

type Listener = (event: unknown, ...args: unknown[]) => void;

export interface PreloadRun {
  /** Every exposeInMainWorld call, in order. */
  exposed: { key: string; api: unknown }[];
  /** Every ipcRenderer.invoke call. */
  invoked: { channel: string; args: unknown[] }[];
  /** ipcRenderer listeners by channel. */
  listeners: Map<string, Set<Listener>>;
  /** Every module the preload asked require() for, allowed or not. */
  required: string[];
  /** Delivers a message from main on a channel, as ipcRenderer would. */
  emit(channel: string, payload: unknown): void;
}

export function runSandboxedPreload(source: string, filename: string, answer: (channel: string) => unknown = () => ({ ok: true, value: null })): PreloadRun {
  const run: PreloadRun = {
    exposed: [],
    invoked: [],
    listeners: new Map(),
    required: [],
    emit: (channel, payload) => {
      for (const listener of run.listeners.get(channel) ?? []) listener({ senderId: 0 }, payload);
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (run.exposed.some((entry) => entry.key === key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        run.exposed.push({ key, api });
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        run.invoked.push({ channel, args });
        return answer(channel);
      },
      on: (channel: string, listener: Listener) => {
        const set = run.listeners.get(channel) ?? new Set();
        set.add(listener);
        run.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => {
        run.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const modules: Record<(typeof SANDBOX_MODULES)[number], unknown> = {
    electron,
    'electron/common': electron,
    'electron/renderer': electron,
    events: EventEmitter,
    'node:events': EventEmitter,
    timers,
    'node:timers': timers,
    url,
    'node:url': url,
  };
  const preloadRequire = (name: string): unknown => {
    run.required.push(name);
    if (!Object.hasOwn(modules, name)) throw new Error(`module not found: ${name}`);
    return modules[name as keyof typeof modules];
  };
  const preloadProcess = Object.assign(new EventEmitter(), {
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
    platform: process.platform,
    arch: process.arch,
    env: {},
  });

  // A browser realm: web APIs, no require/module/process/Buffer globals.
  const world = vm.createContext({ console, URL, URLSearchParams, TextEncoder, TextDecoder, queueMicrotask, setTimeout, clearTimeout, structuredClone });
  const wrapped = `(function(require, process, exports, module, Buffer, global, setImmediate, clearImmediate) {\n${source}\n})`;
  const preloadFn = vm.runInContext(wrapped, world, { filename }) as (...args: unknown[]) => void;
  const exports = {};
  preloadFn(preloadRequire, preloadProcess, exports, { exports }, Buffer, vm.runInContext('globalThis', world), setImmediate, clearImmediate);
  return run;
}
