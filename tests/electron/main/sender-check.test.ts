import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/main/app-origin.js';
import { isTrustedSender, type FrameLike } from '../../../electron/main/sender-check.js';

const top = (url: string): FrameLike => ({ url, parent: null });

describe('IPC sender check', () => {
  it('accepts only the app origin, compared by protocol and host', () => {
    expect(isAppUrl('app://fieldbook/index.html')).toBe(true);
    expect(isAppUrl('app://fieldbook/deep/path?x=1#y')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'file:///index.html',
      'https://fieldbook/index.html',
      'http://127.0.0.1:5173/',
      'app://fieldbook.evil.com/',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('refuses sub-frames, foreign origins and missing frames', () => {
    expect(isTrustedSender(top('app://fieldbook/index.html'))).toBe(true);
    expect(isTrustedSender({ url: 'app://fieldbook/index.html', parent: top('app://fieldbook/index.html') })).toBe(false);
    expect(isTrustedSender(top('https://example.com/'))).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
