/**
 * The thin Electron layer: window, app protocol, IPC binding, safeStorage,
 * logging, updates and paths. Everything else is the plain-Node core (electron/core).
 */
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { startCore, type Core } from '../core/app-core.js';
import { fileSink } from '../core/log/file-sink.js';
import { createLogger, type Logger } from '../core/log/logger.js';
import { AppError } from '../../shared/errors.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { APP_URL } from './app-origin.js';
import { startAutoUpdates, type AutoUpdates } from './auto-update.js';
import { bindIpc } from './ipc-binding.js';
import { hardenWebContents } from './navigation.js';
import { denyPermissionsByDefault } from './permissions.js';
import { blockRemoteRequests } from './request-filter.js';
import { safeStorageBox } from './safe-storage-box.js';
import { utilityChildRunner } from './utility-child-runner.js';
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
let core: Core | null = null;
let updates: AutoUpdates | null = null;
// In memory until the app is ready and knows its log folder; then also a rotated, redacted file.
let logger: Logger = createLogger();
process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));

// Every webContents (including any a bug might create) gets the same guards.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));

async function createWindow(activeCore: Core): Promise<void> {
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
  core = await startCore({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    secrets: safeStorageBox(safeStorage),
    defaultPrimaryUrl: process.env.FIELDBOOK_PRIMARY_URL ?? null,
    logger,
    runChild: utilityChildRunner((modulePath, args, options) => utilityProcess.fork(modulePath, args, options)),
  });
  bindIpc(ipcMain, core.dispatch);
  // Waking from sleep usually means a new network: sync at once instead of at the next tick.
  const activeCore = core;
  powerMonitor.on('resume', () => activeCore.sync.poke());
  powerMonitor.on('unlock-screen', () => activeCore.sync.poke());
  updates = startAutoUpdates({ updater: electronUpdater.autoUpdater, logger: core.logger, enabled: app.isPackaged });
  await createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) void createWindow(core);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  // The sync state as the user quits decides whether a downloaded update may install.
  const status = core.sync.status;
  updates?.stop();
  void core.close().finally(() => {
    if (!updates?.installOnQuit(status)) app.quit();
  });
});

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
