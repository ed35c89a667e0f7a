/**
 * What happens when Fieldbook quits. The database must never close under an
 * open window (a window over a closed core answers every click with an
 * error), so the order is fixed: stop IPC and destroy every window first,
 * then close the core, then either hand over to the updater (which installs
 * and quits) or quit. The first `before-quit` is held back for that; later
 * ones (the updater's own quit, a second Cmd+Q) are let through only once the
 * core is closed.
 *
 * `window-all-closed` quits on Windows and Linux as usual, but never while
 * this sequence is destroying the windows itself: on those platforms it would
 * end the process before the core had closed. On macOS it does not quit.
 */
import type { SyncStatus } from '../../shared/domain/sync.js';
import type { Logger } from '../core/log/logger.js';

export interface QuitApp {
  quit(): void;
}

export interface QuitWindow {
  isDestroyed(): boolean;
  destroy(): void;
}

export interface QuitCore {
  readonly sync: { readonly status: SyncStatus };
  close(): Promise<void>;
}

export interface QuitUpdates {
  installOnQuit(status: SyncStatus): boolean;
  stop(): void;
}

export interface QuitDeps {
  app: QuitApp;
  platform: NodeJS.Platform;
  windows: () => readonly QuitWindow[];
  /** Removes the IPC handlers, so no call reaches a closing core. */
  stopIpc: () => void;
  core: () => QuitCore | null;
  updates: () => QuitUpdates | null;
  logger: () => Logger;
  /**
   * How long the updater may take to quit the app once it took over (macOS
   * waits for Squirrel); then the app quits without it. Nothing is open by then.
   */
  installTimeoutMs?: number;
}

export type QuitPhase = 'running' | 'closing' | 'closed';

export interface QuitSequence {
  onBeforeQuit(event: { preventDefault(): void }): void;
  onWindowAllClosed(): void;
  readonly phase: QuitPhase;
  /** Resolves when the core is closed and the quit was handed on (for tests). */
  readonly done: Promise<void>;
}

export const INSTALL_TIMEOUT_MS = 60_000;

export function createQuitSequence(deps: QuitDeps): QuitSequence {
  let phase: QuitPhase = 'running';
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const run = async (core: QuitCore) => {
    // The sync state as the user quits decides whether a downloaded update may install.
    const status = core.sync.status;
    const updates = deps.updates();
    updates?.stop();
    deps.stopIpc();
    for (const window of deps.windows()) if (!window.isDestroyed()) window.destroy();
    try {
      await core.close();
    } catch (error) {
      deps.logger().error('closing the database on quit failed', error);
    }
    phase = 'closed';
    if (updates?.installOnQuit(status)) {
      // The updater quits the app itself; if it never does, quit anyway (no window, no database left open).
      const timer = setTimeout(() => {
        deps.logger().warn('the update did not take over the quit in time; quitting without it');
        deps.app.quit();
      }, deps.installTimeoutMs ?? INSTALL_TIMEOUT_MS);
      timer.unref?.();
    } else {
      deps.app.quit();
    }
  };

  return {
    onBeforeQuit(event) {
      if (phase === 'closed') return;
      const core = deps.core();
      if (phase === 'running' && !core) return; // nothing opened yet
      event.preventDefault();
      if (phase === 'closing' || !core) return;
      phase = 'closing';
      void run(core).finally(finish);
    },
    onWindowAllClosed() {
      if (phase === 'running' && deps.platform !== 'darwin') deps.app.quit();
    },
    get phase() {
      return phase;
    },
    done,
  };
}
