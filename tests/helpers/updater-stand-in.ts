/** A stand-in for electron-updater's autoUpdater (no Electron, no feed here): emits what it would, records installs. */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { Updater } from '../../electron/main/auto-update.js';

export function standInUpdater() {
  const emitter = new EventEmitter();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    autoRunAppAfterInstall: true,
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    on: (event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return updater;
    },
  };
  return { updater, emitter, asUpdater: updater as unknown as Updater };
}
