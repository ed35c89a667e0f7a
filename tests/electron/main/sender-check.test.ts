import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/main/app-origin.js';
import { isTrustedSender, type FrameLike } from '../../../electron/main/sender-check.js';

const top = (url: string): FrameLike => ({ url, parent: null });

describe('isTrustedSender', () => {
  it('accepts the app main frame', () => {
    expect(isTrustedSender(top('app://fieldbook/index.html'))).toBe(true);
    expect(isTrustedSender(top('app://fieldbook/'))).toBe(true);
  });

  it('refuses a sub-frame, even of the app origin', () => {
    expect(isTrustedSender({ url: 'app://fieldbook/index.html', parent: top('app://fieldbook/index.html') })).toBe(false);
  });

  it('refuses other origins and file://', () => {
    for (const url of [
      'file:///opt/Fieldbook/resources/app.asar/dist/renderer/index.html',
      'https://fieldbook/index.html',
      'http://127.0.0.1:5173/',
      'app://fieldbook.evil.example/',
      'app://evil/index.html',
      'fieldbook://fieldbook/',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
    ]) {
      expect(isTrustedSender(top(url)), url).toBe(false);
    }
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('compares protocol and host because URL.origin is "null" for custom schemes', () => {
    expect(new URL('app://fieldbook/index.html').origin).toBe('null');
    expect(new URL('app://evil/index.html').origin).toBe('null');
    expect(isAppUrl('app://fieldbook/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://fieldbook/deep/path?x=1#y')).toBe(true);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
