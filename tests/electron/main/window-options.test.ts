import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, type BrowserWindowClass } from '../../../electron/main/window-options.js';

/** Stands in for Electron's BrowserWindow (no Electron binary here): records the options it was given. */
function capture(): { options: () => BrowserWindowConstructorOptions; ctor: BrowserWindowClass } {
  let seen: BrowserWindowConstructorOptions | null = null;
  class FakeBrowserWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      seen = options;
    }
  }
  return { options: () => seen!, ctor: FakeBrowserWindow as unknown as BrowserWindowClass };
}

describe('createMainWindow', () => {
  const { options, ctor } = capture();
  const window: BrowserWindow = createMainWindow(ctor, '/app/preload.cjs');
  const prefs = options().webPreferences!;

  it('isolates and sandboxes the page with Node out of reach', () => {
    expect(window).toBeDefined();
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('keeps web security on and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('enables no experimental or Blink features and no webview', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('stays hidden until ready so no half-painted window shows', () => {
    expect(options().show).toBe(false);
  });
});
