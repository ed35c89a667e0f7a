/**
 * Quitting never leaves a window over a closed database, whatever the
 * platform and whether an update installs. A real core (replica in a temp
 * folder, synced with a real local primary) and the real auto-update logic;
 * the Electron app, its windows and electron-updater's autoUpdater are
 * stand-ins that behave as Electron does:
 * `app.quit()` emits `before-quit`, and unless prevented closes every window
 * and exits; destroying the last window emits `window-all-closed`.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/app-core.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { startAutoUpdates, type Updater } from '../../../electron/main/auto-update.js';
import { createQuitSequence, type QuitSequence } from '../../../electron/main/quit-sequence.js';
import { closeCore, invoke, startTestCore } from '../../helpers/core.js';
import { startPrimary, waitFor } from '../../helpers/primary.js';

type UpdaterBehaviour = 'quits-at-once' | 'quits-later' | 'never-quits';

async function standInApp(platform: NodeJS.Platform, options: { updater?: UpdaterBehaviour; primaryUrl?: string } = {}) {
  const log: string[] = [];
  const logger = createLogger();
  const core: Core = await startTestCore({ primaryUrl: options.primaryUrl ?? (await startPrimary()).url });
  // A laptop with nothing left to sync, unless the test wants otherwise.
  if (!options.primaryUrl) await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
  let sequence: QuitSequence | null = null;

  class StandInWindow {
    private destroyed = false;
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      log.push('window destroyed');
      if (windows.every((w) => w.isDestroyed())) {
        log.push('window-all-closed');
        sequence!.onWindowAllClosed();
      }
    }
  }
  const windows = [new StandInWindow()];
  const openWindows = () => windows.filter((w) => !w.isDestroyed()).length;

  let exited: () => void = () => undefined;
  const exit = new Promise<void>((resolve) => (exited = resolve));
  const app = {
    quit: () => {
      log.push('app.quit');
      let prevented = false;
      sequence!.onBeforeQuit({ preventDefault: () => (prevented = true) });
      if (prevented) return;
      for (const window of windows) window.destroy();
      log.push('app exited');
      exited();
    },
  };

  const emitter = new EventEmitter();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    autoRunAppAfterInstall: true,
    checkForUpdates: async () => null,
    quitAndInstall: vi.fn(() => {
      log.push(`quitAndInstall (open windows: ${openWindows()}, core ${coreClosed ? 'closed' : 'open'})`);
      // electron-updater: Linux/Windows quit on the next tick; macOS waits for Squirrel, then quits.
      if (options.updater === 'quits-at-once') setImmediate(app.quit);
      if (options.updater === 'quits-later') setTimeout(app.quit, 100);
    }),
    on: (event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return updater;
    },
  };
  const updates = startAutoUpdates({ updater: updater as unknown as Updater, logger, enabled: false });

  let coreClosed = false;
  const quitCore = {
    sync: core.sync,
    close: async () => {
      log.push(`core.close (open windows: ${openWindows()})`);
      await closeCore(core);
      coreClosed = true;
      log.push('core closed');
    },
  };
  sequence = createQuitSequence({
    app,
    platform,
    windows: () => windows,
    stopIpc: () => log.push('ipc stopped'),
    core: () => quitCore,
    updates: () => updates,
    logger: () => logger,
    installTimeoutMs: 300,
  });
  const downloadUpdate = () => emitter.emit('update-downloaded', { version: '9.9.9', downloadedFile: '/cache/update.zip' });
  return { log, app, core, windows, sequence, exit, updater, logger, downloadUpdate };
}

describe('quit sequence', () => {
  it('macOS with an update pending: windows and IPC go first, then the database, then the update takes over the quit', async () => {
    const s = await standInApp('darwin', { updater: 'quits-later' });
    s.downloadUpdate();
    s.app.quit();
    await s.exit;
    expect(s.log).toEqual([
      'app.quit',
      'ipc stopped',
      'window destroyed',
      'window-all-closed',
      'core.close (open windows: 0)',
      'core closed',
      'quitAndInstall (open windows: 0, core closed)',
      'app.quit',
      'app exited',
    ]);
    expect(s.sequence.phase).toBe('closed');
  });

  it('Linux with nothing downloaded: destroying the windows does not end the process before the database closed', async () => {
    const s = await standInApp('linux');
    s.app.quit();
    await s.exit;
    expect(s.log).toEqual([
      'app.quit',
      'ipc stopped',
      'window destroyed',
      'window-all-closed',
      'core.close (open windows: 0)',
      'core closed',
      'app.quit',
      'app exited',
    ]);
    expect(s.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('Linux: closing the last window quits (through the same sequence); on macOS it does not', async () => {
    const linux = await standInApp('linux', { updater: 'quits-at-once' });
    linux.downloadUpdate();
    linux.windows[0]!.destroy();
    await linux.exit;
    expect(linux.log).toEqual([
      'window destroyed',
      'window-all-closed',
      'app.quit',
      'ipc stopped',
      'core.close (open windows: 0)',
      'core closed',
      'quitAndInstall (open windows: 0, core closed)',
      'app.quit',
      'app exited',
    ]);

    const mac = await standInApp('darwin');
    mac.windows[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(mac.log).toEqual(['window destroyed', 'window-all-closed']);
    expect(mac.sequence.phase).toBe('running');
    // The database is still open and working.
    await invoke(mac.core, 'jobs.create', { title: 'Still open' });
  });

  it('an updater that takes over but never quits: the app quits anyway after the time limit, with nothing open', async () => {
    const s = await standInApp('darwin', { updater: 'never-quits' });
    s.downloadUpdate();
    s.app.quit();
    await s.exit;
    expect(s.log.slice(-4)).toEqual(['core closed', 'quitAndInstall (open windows: 0, core closed)', 'app.quit', 'app exited']);
    expect(s.logger.recentProblems().at(-1)?.message).toBe('the update did not take over the quit in time; quitting without it');
  });

  it('edits waiting to sync keep the update for later and the app quits normally', async () => {
    // A primary that is down: the edit stays pending.
    const s = await standInApp('linux', { updater: 'quits-at-once', primaryUrl: 'http://127.0.0.1:9' });
    await invoke(s.core, 'jobs.create', { title: 'Not yet synced' });
    await waitFor('pending edit counted', () => s.core.sync.status.pendingChanges > 0);
    s.downloadUpdate();
    s.app.quit();
    await s.exit;
    expect(s.updater.quitAndInstall).not.toHaveBeenCalled();
    expect(s.log.slice(-4)).toEqual(['core.close (open windows: 0)', 'core closed', 'app.quit', 'app exited']);
  });

  it('a second quit while the database closes is held back; a quit before the core exists is not', async () => {
    const s = await standInApp('linux');
    const first = { preventDefault: vi.fn() };
    const second = { preventDefault: vi.fn() };
    s.sequence.onBeforeQuit(first);
    s.sequence.onBeforeQuit(second);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(second.preventDefault).toHaveBeenCalled();
    await s.sequence.done;
    await s.exit;
    expect(s.log.filter((l) => l.startsWith('core.close'))).toHaveLength(1);

    const early = createQuitSequence({
      app: { quit: () => undefined },
      platform: 'linux',
      windows: () => [],
      stopIpc: () => undefined,
      core: () => null,
      updates: () => null,
      logger: () => createLogger(),
    });
    const event = { preventDefault: vi.fn() };
    early.onBeforeQuit(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});
