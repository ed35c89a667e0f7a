import { describe, expect, it } from 'vitest';
import { blockRemoteRequests, isAllowedRendererRequest } from '../../../electron/main/request-filter.js';

describe('renderer request filter', () => {
  it('lets the app load its own files, data: images and devtools', () => {
    for (const url of ['app://fieldbook/index.html', 'app://fieldbook/assets/app.js', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/inspector.html']) {
      expect(isAllowedRendererRequest(url), url).toBe(true);
    }
  });

  it('cancels everything else: remote hosts, the primary, loopback, files, other app hosts', () => {
    for (const url of [
      'https://evil.example/x.js',
      'https://fieldbook.turso.io/v2/pipeline',
      'http://127.0.0.1:8080/pull-updates',
      'ws://127.0.0.1:5173/rpc',
      'file:///etc/passwd',
      'app://other/index.html',
      'blob:app://fieldbook/1234',
      'not a url',
    ]) {
      expect(isAllowedRendererRequest(url), url).toBe(false);
    }
  });

  it('installs the decision as the session onBeforeRequest listener', () => {
    let listener: ((details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void) | null = null;
    blockRemoteRequests({ webRequest: { onBeforeRequest: (fn: never) => (listener = fn) } } as never);
    const decide = (url: string) => {
      let response: { cancel?: boolean } = {};
      listener!({ url }, (r) => (response = r));
      return response.cancel;
    };
    expect(decide('https://evil.example/')).toBe(true);
    expect(decide('app://fieldbook/index.html')).toBe(false);
  });
});
