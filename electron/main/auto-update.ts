/**
 * Auto-update from the generic HTTPS feed in electron-builder.yml. Updates
 * download in the background; one is installed only when the user quits and
 * canInstallUpdate agrees at that moment (nothing left to push, no sync in
 * flight). The app never restarts itself.
 *
 * The decision is taken at quit time rather than through autoInstallOnAppQuit:
 * on macOS that flag hands the update to Squirrel as soon as it is downloaded,
 * which would then install it on the next quit whatever the sync state.
 *
 * Where the OS does not check the update's own signature (Linux), a
 * `verifyDownload` check runs first: an update counts as downloaded only once
 * its detached signature verified; otherwise it is refused, logged and deleted.
 */
import fs from 'node:fs/promises';
import type { AppUpdater } from 'electron-updater';
import type { SyncStatus } from '../../shared/domain/sync.js';
import type { Logger } from '../core/log/logger.js';
import { canInstallUpdate } from '../core/update/update-policy.js';
import type { VerifyDownload } from '../core/update/verify-download.js';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type Updater = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'autoRunAppAfterInstall' | 'checkForUpdates' | 'quitAndInstall' | 'on'
>;

export interface AutoUpdateDeps {
  updater: Updater;
  logger: Logger;
  /** Only packaged, signed builds have a feed to check. */
  enabled: boolean;
  /** Must accept a download before it may install (Linux: the detached Ed25519 signature). */
  verifyDownload?: VerifyDownload;
}

export interface AutoUpdates {
  /** Called while quitting: installs a downloaded update if the sync state allows; true if it took over the quit. */
  installOnQuit(status: SyncStatus): boolean;
  stop(): void;
  /** Resolves once the latest download's check has finished (for tests and diagnostics). */
  idle(): Promise<void>;
}

export function startAutoUpdates({ updater, logger, enabled, verifyDownload }: AutoUpdateDeps): AutoUpdates {
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.autoRunAppAfterInstall = false;
  /** Version that may install on quit: downloaded and, where required, verified. */
  let downloaded: string | null = null;
  let attempts = 0;
  let checking: Promise<void> = Promise.resolve();
  updater.on('error', (error) => logger.warn('update check failed', error));
  updater.on('update-downloaded', (info) => {
    const attempt = ++attempts;
    // Whatever was accepted before, the newest download is the one electron-updater would install.
    downloaded = null;
    const accept = () => {
      downloaded = info.version;
      logger.info('update downloaded; it installs when Fieldbook quits with nothing left to sync', { version: info.version });
    };
    if (!verifyDownload) return accept();
    checking = verifyDownload(info)
      .catch((error: unknown) => ({ ok: false as const, reason: (error as Error).message }))
      .then(async (check) => {
        if (attempt !== attempts) return;
        if (check.ok) return accept();
        logger.error('update refused: its signature did not verify; it will not be installed', { version: info.version, reason: check.reason });
        await fs.rm(info.downloadedFile, { force: true }).catch((error: unknown) => logger.warn('could not delete the refused update', error));
      });
  });

  let timer: NodeJS.Timeout | null = null;
  if (enabled) {
    const check = () => void updater.checkForUpdates().catch((error: unknown) => logger.warn('update check failed', error));
    check();
    timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
    timer.unref();
  }

  return {
    installOnQuit(status) {
      if (!downloaded) return false;
      if (!canInstallUpdate(status)) {
        logger.info('update kept for a later quit: edits are waiting to sync', { version: downloaded, pending: status.pendingChanges });
        return false;
      }
      logger.info('installing update on quit', { version: downloaded });
      // Silent, and not relaunched: the user asked to quit.
      updater.quitAndInstall(true, false);
      return true;
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    idle: () => checking,
  };
}
