/**
 * The thin Electron layer: window, app protocol, IPC binding, safeStorage,
 * logging, updates and paths. Everything else is the plain-Node core (electron/core).
 */
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { WorkspaceManager } from '../core/workspaces/workspace-manager.js';
import { fileSink } from '../core/log/file-sink.js';
import { createLogger, type Logger } from '../core/log/logger.js';
import { AppError } from '../../shared/errors.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { APP_URL } from './app-origin.js';
import { startAutoUpdates, type AutoUpdates } from './auto-update.js';
import { devOverrides } from './dev-overrides.js';
import { devObjectStore } from './dev-object-store.js';
import { bindIpc } from './ipc-binding.js';
import { hardenWebContents } from './navigation.js';
import { denyPermissionsByDefault } from './permissions.js';
import { createQuitSequence } from './quit-sequence.js';
import { blockRemoteRequests } from './request-filter.js';
import { safeStorageBox } from './safe-storage-box.js';
import { saveDialogTarget } from './save-dialog-target.js';
import { updateVerifier } from './update-verifier.js';
import { utilityChildRunner } from './utility-child-runner.js';
import { utilityEngineSpawner } from './utility-engine-spawner.js';
import { createMainWindow } from './window-options.js';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer is sandboxed, whatever options a future window is created with.
app.enableSandbox();
// Two instances would open the same replica file; the second one hands over to the first.
const isFirstInstance = app.requestSingleInstanceLock();
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

const here = import.meta.dirname;
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
// Every workspace of the laptop; the window shows the current one.
let core: WorkspaceManager | null = null;
let updates: AutoUpdates | null = null;
let unbindIpc: (() => void) | null = null;
// In memory until the app is ready and knows its log folder; then also a rotated, redacted file.
let logger: Logger = createLogger();
process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));

// Every webContents (including any a bug might create) gets the same guards.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));

async function createWindow(activeCore: WorkspaceManager): Promise<void> {
  const window = createMainWindow(BrowserWindow, preloadPath);
  const unsubscribe = activeCore.events.on((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(`fieldbook:event:${event}`, payload);
  });
  window.on('closed', unsubscribe);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_URL);
}

async function main(): Promise<void> {
  await app.whenReady();
  logger = createLogger({ sinks: [fileSink(path.join(app.getPath('logs'), 'main.log'))] });
  denyPermissionsByDefault(session.defaultSession);
  blockRemoteRequests(session.defaultSession);
  registerAppProtocol(protocol, rendererDir);
  const overrides = devOverrides(app.isPackaged, process.env);
  if (overrides.ignored.length > 0) logger.warn('development overrides ignored in a packaged build', overrides.ignored);
  core = await WorkspaceManager.start({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    secrets: safeStorageBox(safeStorage),
    defaultPrimaryUrl: overrides.primaryUrl,
    photos: { defaultObjectStore: devObjectStore(app.isPackaged, process.env) },
    logger,
    runChild: utilityChildRunner((modulePath, args, options) => utilityProcess.fork(modulePath, args, options)),
    saveTarget: saveDialogTarget(dialog, () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null, () => app.getPath('downloads')),
    // The replica's engine runs in a utility process: a native abort on a damaged page ends that process, not the app.
    engine: { spawn: utilityEngineSpawner((modulePath, args, options) => utilityProcess.fork(modulePath, args, options)) },
  });
  unbindIpc = bindIpc(ipcMain, core.dispatch);
  // Waking from sleep usually means a new network: sync at once instead of at the next tick.
  const activeCore = core;
  powerMonitor.on('resume', () => activeCore.pokeAll());
  powerMonitor.on('unlock-screen', () => activeCore.pokeAll());
  updates = startAutoUpdates({
    updater: electronUpdater.autoUpdater,
    logger: core.logger,
    enabled: app.isPackaged,
    verifyDownload: updateVerifier(process.platform),
  });
  await createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core && quit.phase === 'running') void createWindow(core);
  });
}

// Windows and IPC go first, then the database, then the update or the quit (quit-sequence.ts).
const quit = createQuitSequence({
  app,
  platform: process.platform,
  windows: () => BrowserWindow.getAllWindows(),
  stopIpc: () => unbindIpc?.(),
  core: () => core,
  updates: () => updates,
  logger: () => logger,
});
app.on('window-all-closed', () => quit.onWindowAllClosed());
app.on('before-quit', (event) => quit.onBeforeQuit(event));

if (isFirstInstance) {
  main().catch((error: unknown) => {
    logger.error('Fieldbook failed to start', error);
    console.error('Fieldbook failed to start', error);
    // Another Fieldbook has this workspace open: say so and leave every file as it is.
    if (error instanceof AppError && error.code === 'WORKSPACE_LOCKED') dialog.showErrorBox('Fieldbook is already open', error.message);
    app.exit(1);
  });
} else {
  app.exit(0);
}
