/**
 * Auto-update from the generic HTTPS feed in electron-builder.yml. Updates
 * download in the background and install only when the user quits, and only
 * if canInstallUpdate says so at that moment: the app never restarts itself,
 * and never installs while edits are unpushed.
 */
import type { AppUpdater } from 'electron-updater';
import type { SyncStatus } from '../../shared/domain/sync.js';
import type { EventHub } from '../core/events.js';
import type { Logger } from '../core/log/logger.js';
import { canInstallUpdate } from '../core/update/update-policy.js';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type Updater = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'checkForUpdates' | 'on'>;

export interface AutoUpdateDeps {
  updater: Updater;
  events: EventHub;
  initialStatus: SyncStatus;
  logger: Logger;
  /** Only packaged, signed builds have a feed to check. */
  enabled: boolean;
}

export function startAutoUpdates({ updater, events, initialStatus, logger, enabled }: AutoUpdateDeps): () => void {
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = canInstallUpdate(initialStatus);
  const unsubscribe = events.on((event, payload) => {
    if (event === 'sync.statusChanged') updater.autoInstallOnAppQuit = canInstallUpdate(payload as SyncStatus);
  });
  updater.on('error', (error) => logger.warn('update check failed', error));
  updater.on('update-downloaded', (info) => logger.info('update downloaded; it installs when Fieldbook quits with nothing left to sync', { version: info.version }));
  if (!enabled) return unsubscribe;
  const check = () => void updater.checkForUpdates().catch((error: unknown) => logger.warn('update check failed', error));
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
