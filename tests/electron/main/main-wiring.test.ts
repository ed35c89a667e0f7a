/**
 * The Electron entry point, with `electron` and `electron-updater` replaced by
 * thin stand-ins (no Electron binary here): importing main.ts must wire every
 * guard before the window loads, run a real core in a temp folder, and close
 * it on quit.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HANDLER_NAMES } from '../../../shared/contract/index.js';
import { ipcChannel } from '../../../shared/bridge.js';

const h = vi.hoisted(() => {
  const calls: string[] = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  const ipcChannels = new Set<string>();
  const permissionHandlers: Record<string, unknown> = {};
  const protocols: string[] = [];
  let resolveQuit: () => void = () => undefined;
  const quit = new Promise<void>((resolve) => (resolveQuit = resolve));
  return { calls, appEvents, windows, ipcChannels, permissionHandlers, protocols, quit, resolveQuit: () => resolveQuit(), dataDir: '' };
});

h.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-main-'));

vi.mock('electron', () => {
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    webContents = { send: () => undefined };
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      h.windows.push(this.record);
      FakeBrowserWindow.all.push(this);
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    destroyed = false;
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      h.calls.push('window destroyed');
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  }
  const app = {
    enableSandbox: () => h.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: (...args: unknown[]) => void) => h.appEvents.set(event, listener),
    whenReady: async () => h.calls.push('ready'),
    getPath: (name: string) => path.join(h.dataDir, name),
    getVersion: () => '9.9.9',
    isPackaged: false,
    quit: () => h.resolveQuit(),
    exit: (code: number) => h.calls.push(`exit ${code}`),
  };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: (channel: string) => h.ipcChannels.add(channel), removeHandler: (channel: string) => h.ipcChannels.delete(channel) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => h.protocols.push(...schemes.map((s) => `privileged:${s.scheme}`)),
      handle: (scheme: string) => h.protocols.push(`handle:${scheme}`),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => (h.permissionHandlers.request = fn),
        setPermissionCheckHandler: (fn: unknown) => (h.permissionHandlers.check = fn),
        setDevicePermissionHandler: (fn: unknown) => (h.permissionHandlers.device = fn),
        webRequest: { onBeforeRequest: (fn: unknown) => (h.permissionHandlers.requestFilter = fn) },
      },
    },
    shell: { openExternal: async () => undefined },
    // The save dialog is handed to the core as its save target at start; nothing here exports.
    dialog: { showErrorBox: () => undefined, showSaveDialog: async () => ({ canceled: true, filePath: '' }) },
    powerMonitor: { on: (event: string) => h.calls.push(`powerMonitor:${event}`) },
    // Stand-in for a utility process: a Node child with an IPC channel (the engine host falls back to process.send).
    utilityProcess: {
      fork: (modulePath: string, args: string[]) => {
        h.calls.push(`utilityProcess.fork ${path.basename(modulePath)}`);
        const child = fork(modulePath, args, { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
        const proc = Object.assign(new EventEmitter(), {
          pid: child.pid,
          stderr: child.stderr,
          kill: () => child.kill(),
          postMessage: (message: unknown) => child.connected && child.send(message as object),
        });
        child.on('message', (message) => proc.emit('message', message));
        child.once('exit', (code) => proc.emit('exit', code ?? 1));
        return proc;
      },
    },
  };
});

vi.mock('electron-updater', () => {
  const updater = Object.assign(new EventEmitter(), { autoDownload: false, autoInstallOnAppQuit: true, checkForUpdates: async () => null });
  return { default: { autoUpdater: updater } };
});

const listenersBefore = new Set(process.listeners('unhandledRejection'));
afterAll(() => {
  // main.ts logs unhandled rejections; do not leave that on the test worker's process.
  for (const listener of process.listeners('unhandledRejection')) if (!listenersBefore.has(listener)) process.off('unhandledRejection', listener);
  fs.rmSync(h.dataDir, { recursive: true, force: true });
});

describe('electron/main/main.ts wiring', () => {
  it('hardens the app, serves app://, binds IPC, loads the window and closes the core on quit', async () => {
    await import('../../../electron/main/main.js');
    await vi.waitFor(() => expect(h.windows[0]?.loaded).toEqual(['app://fieldbook/index.html']), { timeout: 20_000 });

    expect(h.calls.slice(0, 2)).toEqual(['enableSandbox', 'ready']);
    expect(h.protocols).toEqual(['privileged:app', 'handle:app']);
    expect(Object.keys(h.permissionHandlers).sort()).toEqual(['check', 'device', 'request', 'requestFilter']);
    expect(h.appEvents.has('web-contents-created')).toBe(true);
    expect(h.appEvents.has('second-instance')).toBe(true);
    expect([...h.ipcChannels].sort()).toEqual(HANDLER_NAMES.map(ipcChannel).sort());
    const prefs = h.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    // The replica's engine runs in a utility process started from the host script.
    expect(h.calls).toContain('utilityProcess.fork engine-host-child.ts');
    // The real core opened its replica in the (fake) userData folder.
    expect(fs.existsSync(path.join(h.dataDir, 'userData', 'settings.json'))).toBe(true);

    // Unexpected failures land in the rotated log file under the OS log folder, redacted.
    process.emit('unhandledRejection', new Error('probe failure token=abc123'), Promise.resolve());
    const log = fs.readFileSync(path.join(h.dataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('[error] unhandled rejection Error: probe failure token=[redacted]');

    const preventDefault = vi.fn();
    h.appEvents.get('before-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await h.quit;
    // Quitting took the window and the IPC handlers down before the database closed.
    expect(h.calls).toContain('window destroyed');
    expect(h.ipcChannels.size).toBe(0);
  });
});
