/**
 * The BUILT preload (dist/electron/preload.cjs), run the way Electron runs a sandboxed preload
 * (tests/build/sandboxed-preload.ts): only electron, events, timers and url can be required, so a
 * bundle that leaves an npm package external throws before contextBridge runs and every screen
 * fails. The source-level behaviour is also in tests/electron/main/preload.test.ts; this proves the
 * file Electron actually loads.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FieldbookBridge } from '../../shared/bridge.js';
import { requestedModules } from './bundle-modules.js';
import { builtFile } from './packaged-app.js';
import { runSandboxedPreload, SANDBOX_MODULES, type PreloadRun } from './sandboxed-preload.js';

const file = builtFile('electron/preload.cjs');
const source = fs.readFileSync(file, 'utf8');

function load(answer?: (channel: string) => unknown): { run: PreloadRun; bridge: FieldbookBridge } {
  const run = runSandboxedPreload(source, file, answer);
  return { run, bridge: run.exposed[0]?.api as FieldbookBridge };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    // The error comes from the preload's realm, so it is no `instanceof Error` here.
    return String((error as { message?: unknown }).message);
  }
  throw new Error('expected a rejection');
}

describe('emulated sandbox', () => {
  it('refuses any module outside the sandbox list, as Electron does', () => {
    expect(() => runSandboxedPreload('require("zod");', 'probe.cjs')).toThrow('module not found: zod');
    expect(() => runSandboxedPreload('require("fs");', 'probe.cjs')).toThrow('module not found: fs');
    expect(() => runSandboxedPreload('require("node:path");', 'probe.cjs')).toThrow('module not found: node:path');
  });

  it('has no Node globals in the preload realm', () => {
    const probe = runSandboxedPreload(
      'require("electron").contextBridge.exposeInMainWorld("probe", [typeof globalThis.require, typeof globalThis.process, typeof globalThis.module]);',
      'probe.cjs',
    );
    expect(probe.exposed[0]?.api).toEqual(['undefined', 'undefined', 'undefined']);
  });
});

describe('built preload in the sandbox', () => {
  it('requires only modules the sandbox provides', () => {
    const { run } = load();
    expect(run.required.length).toBeGreaterThan(0);
    expect(run.required.filter((name) => !(SANDBOX_MODULES as readonly string[]).includes(name))).toEqual([]);
  });

  it('contains no require() or import() of anything else, not even on a path that did not run', async () => {
    const uses = [...source.matchAll(/\brequire\b(\s*\(\s*(["'`])([^"'`]*)\2\s*\))?/g)];
    expect(uses.length).toBeGreaterThan(0);
    const bad = uses.filter((use) => !use[3] || !(SANDBOX_MODULES as readonly string[]).includes(use[3])).map((use) => use[0]);
    expect(bad).toEqual([]);
    // Parsed, so import() calls count too and text in comments does not.
    expect((await requestedModules(file)).filter((name) => !(SANDBOX_MODULES as readonly string[]).includes(name))).toEqual([]);
  });

  it('exposes exactly one frozen API, window.fieldbook, with invoke and on only', () => {
    const { run, bridge } = load();
    expect(run.exposed.map((entry) => entry.key)).toEqual(['fieldbook']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it('sends a contract call on its own channel and hands back what main answered', async () => {
    const { run, bridge } = load((channel) => ({ ok: true, value: { answeredOn: channel } }));
    const input = { search: 'boiler', limit: 5 };
    expect(await bridge.invoke('jobs.list', input)).toEqual({ ok: true, value: { answeredOn: 'fieldbook:jobs.list' } });
    expect(run.invoked).toEqual([{ channel: 'fieldbook:jobs.list', args: [input] }]);
  });

  it('refuses an unknown handler name without sending anything', async () => {
    const { run, bridge } = load();
    expect(await rejection(bridge.invoke('shell.openExternal' as never, {} as never))).toMatch(/unknown handler shell\.openExternal/);
    expect(await rejection(bridge.invoke('__proto__' as never, {} as never))).toMatch(/unknown handler/);
    expect(run.invoked).toEqual([]);
  });

  it('delivers contract events to a listener (payload only) until it unsubscribes, and refuses unknown events', () => {
    const { run, bridge } = load();
    const seen: unknown[] = [];
    const unsubscribe = bridge.on('data.changed', (payload) => seen.push(payload));
    run.emit('fieldbook:event:data.changed', { entities: ['jobs'] });
    unsubscribe();
    run.emit('fieldbook:event:data.changed', { entities: ['sites'] });
    expect(seen).toEqual([{ entities: ['jobs'] }]);
    expect(() => bridge.on('ipc.raw' as never, () => undefined)).toThrow(/unknown event ipc\.raw/);
    expect([...run.listeners.keys()]).toEqual(['fieldbook:event:data.changed']);
  });
});
