import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerAppProtocol, serveAppRequest } from '../../../electron/main/app-protocol.js';
import { tempDir } from '../../helpers/temp-dir.js';

function rendererFixture(): string {
  const base = tempDir('fieldbook-protocol-');
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>Fieldbook</p>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'settings.json'), '{"tokenCipher":"secret"}');
  fs.symlinkSync(path.join(base, 'settings.json'), path.join(root, 'assets', 'link.json'));
  return root;
}

describe('serveAppRequest', () => {
  it('serves the renderer with a strict CSP that allows no connections', async () => {
    const root = rendererFixture();
    const response = await serveAppRequest(root, 'app://fieldbook/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Fieldbook');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await serveAppRequest(root, 'app://fieldbook/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses hostile paths and never returns a file outside the renderer folder', async () => {
    const root = rendererFixture();
    for (const url of [
      'app://fieldbook/%2e%2e/settings.json',
      'app://fieldbook/..%2fsettings.json',
      'app://fieldbook/..%5csettings.json',
      'app://fieldbook/assets/..%2f..%2fsettings.json',
      'app://fieldbook/index.html%00.js',
      'app://fieldbook/assets/link.json',
      'app://fieldbook/C:%2fWindows%2fwin.ini',
      'app://fieldbook/../settings.json',
    ]) {
      const response = await serveAppRequest(root, url);
      expect([400, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.headers.get('content-security-policy'), url).toContain("default-src 'none'");
    }
  });

  it('answers 404 for other hosts and 405 for writes', async () => {
    const root = rendererFixture();
    expect((await serveAppRequest(root, 'app://evil/index.html')).status).toBe(404);
    expect((await serveAppRequest(root, 'app://fieldbook/index.html', 'POST')).status).toBe(405);
  });

  it('registerAppProtocol routes the app scheme to the same handler', async () => {
    const root = rendererFixture();
    let registered: ((request: Request) => Promise<Response>) | null = null;
    registerAppProtocol({ handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      expect(scheme).toBe('app');
      registered = handler;
    } } as never, root);
    const response = await registered!(new Request('app://fieldbook/index.html'));
    expect(response.status).toBe(200);
  });
});
