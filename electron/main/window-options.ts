/**
 * Electron's security checklist, as the options of the one window. The
 * constructor is a parameter so tests can capture the options without
 * Electron; webPreferences stay written inline so electronegativity can read them.
 */
import type { BrowserWindow as ElectronWindow, BrowserWindowConstructorOptions } from 'electron';

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => ElectronWindow;

// The parameter is named BrowserWindow so electronegativity recognises and checks the call.
export function createMainWindow(BrowserWindow: BrowserWindowClass, preloadPath: string): ElectronWindow {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fieldbook',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      // electronegativity-justified PRELOAD_JS_CHECK: the sandboxed preload exposes one frozen object whose calls are checked in main.
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableDialogs: false,
      spellcheck: true,
    },
  });
}
