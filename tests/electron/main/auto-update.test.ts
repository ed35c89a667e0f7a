import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../shared/domain/sync.js';
import { EventHub } from '../../../electron/core/events.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { startAutoUpdates, type Updater } from '../../../electron/main/auto-update.js';

const status = (state: SyncStatus['state'], pendingChanges: number): SyncStatus => ({
  state,
  pendingChanges,
  lastPushAt: null,
  lastPullAt: null,
  lastError: null,
  nextRetryAt: null,
  download: null,
  needsRepair: false,
  notice: null,
});

/** A stand-in for electron-updater's autoUpdater (no Electron, no feed here). */
function fakeUpdater() {
  const emitter = new EventEmitter();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    checkForUpdates: vi.fn(async () => null),
    on: (event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return updater;
    },
    quitAndInstall: vi.fn(),
  };
  return { updater, emitter };
}

describe('startAutoUpdates', () => {
  it('installs on quit only while nothing is left to push, and never restarts by itself', () => {
    const { updater } = fakeUpdater();
    const events = new EventHub();
    const stop = startAutoUpdates({ updater: updater as unknown as Updater, events, initialStatus: status('offline', 3), logger: createLogger(), enabled: false });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    events.emit('sync.statusChanged', status('pushing', 3));
    expect(updater.autoInstallOnAppQuit).toBe(false);
    events.emit('sync.statusChanged', status('up_to_date', 0));
    expect(updater.autoInstallOnAppQuit).toBe(true);
    events.emit('sync.statusChanged', status('offline', 1));
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    stop();
    events.emit('sync.statusChanged', status('up_to_date', 0));
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('checks the feed only in packaged builds and logs failures without secrets', async () => {
    const { updater, emitter } = fakeUpdater();
    const logger = createLogger();
    startAutoUpdates({ updater: updater as unknown as Updater, events: new EventHub(), initialStatus: status('up_to_date', 0), logger, enabled: false });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    const stop = startAutoUpdates({ updater: updater as unknown as Updater, events: new EventHub(), initialStatus: status('up_to_date', 0), logger, enabled: true });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    emitter.emit('error', new Error('403 for https://user:pw@updates.example/latest.yml'));
    expect(logger.recentProblems().at(-1)?.detail).toBe('Error: 403 for https://[redacted]@updates.example/latest.yml');
    stop();
  });
});
