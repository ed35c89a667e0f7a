import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_SCHEMES, isAllowedExternalUrl, openExternalSafely } from '../../../electron/main/external-links.js';
import { hardenWebContents, type HardenableContents } from '../../../electron/main/navigation.js';

type Listener = (event: { preventDefault(): void; url?: string }, url?: string) => void;

/** A stand-in for WebContents that records the handlers registered on it. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { preventDefault: vi.fn(), url };
    listeners.get(name)!(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as HardenableContents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('isAllowedExternalUrl', () => {
  it('allows only https and mailto', () => {
    expect(EXTERNAL_SCHEMES).toEqual(['https:', 'mailto:']);
    expect(isAllowedExternalUrl('https://fieldbook.example/help')).toBe(true);
    expect(isAllowedExternalUrl('mailto:support@fieldbook.example')).toBe(true);
    for (const url of [
      'http://fieldbook.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'app://fieldbook/index.html',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('openExternalSafely calls the shell only for allowed URLs', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(openExternalSafely(shell, 'file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(openExternalSafely(shell, 'https://turso.tech')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://turso.tech');
  });
});

describe('hardenWebContents', () => {
  it('denies every new window, handing allowed links to the OS', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const { contents, open } = fakeContents();
    hardenWebContents(contents, shell);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://fieldbook/index.html')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('blocks navigation and redirects away from the app origin', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn() });
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(fire(name, 'https://evil.example/'), name).toBe(true);
      expect(fire(name, 'file:///etc/passwd'), name).toBe(true);
      expect(fire(name, 'app://other/index.html'), name).toBe(true);
      expect(fire(name, 'app://fieldbook/index.html'), name).toBe(false);
    }
  });

  it('refuses to attach webviews', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn() });
    expect(fire('will-attach-webview', 'app://fieldbook/index.html')).toBe(true);
  });
});
