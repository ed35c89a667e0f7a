import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain/sync.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { startAutoUpdates } from '../../../electron/main/auto-update.js';
import { syncStatus } from '../../helpers/sync-status.js';
import { standInUpdater } from '../../helpers/updater-stand-in.js';

const status = (state: SyncStatus['state'], pendingChanges: number): SyncStatus => syncStatus({ state, pendingChanges });


describe('startAutoUpdates', () => {
  it('downloads in the background but never installs or relaunches on its own', () => {
    const { updater, asUpdater } = standInUpdater();
    startAutoUpdates({ updater: asUpdater, logger: createLogger(), enabled: false }).stop();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.autoRunAppAfterInstall).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('installs on quit only once downloaded and with nothing left to sync', () => {
    const { updater, emitter, asUpdater } = standInUpdater();
    const updates = startAutoUpdates({ updater: asUpdater, logger: createLogger(), enabled: false });
    expect(updates.installOnQuit(status('up_to_date', 0))).toBe(false); // nothing downloaded yet
    emitter.emit('update-downloaded', { version: '1.2.3' });
    expect(updates.installOnQuit(status('offline', 4))).toBe(false);
    expect(updates.installOnQuit(status('pushing', 0))).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.installOnQuit(status('up_to_date', 0))).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, false);
    updates.stop();
  });

  it('checks the feed only in packaged builds and logs failures without secrets', () => {
    const { updater, emitter, asUpdater } = standInUpdater();
    const logger = createLogger();
    startAutoUpdates({ updater: asUpdater, logger, enabled: false }).stop();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    const updates = startAutoUpdates({ updater: asUpdater, logger, enabled: true });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    emitter.emit('error', new Error('403 for https://user:pw@updates.example/latest.yml'));
    expect(logger.recentProblems().at(-1)?.detail).toBe('Error: 403 for https://[redacted]@updates.example/latest.yml');
    updates.stop();
  });
});
