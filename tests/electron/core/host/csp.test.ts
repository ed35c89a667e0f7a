import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../electron/core/host/csp.js';
import { startHostServer } from '../../../../electron/core/host/host-server.js';
import { freePort } from '../../../../electron/core/primary/local-primary.js';
import { startTestCore } from '../../../helpers/core.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('allows only the app itself: no inline script, no eval, no remote origin', () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'none'");
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('lets the browser host reach only its own socket', () => {
    const csp = contentSecurityPolicy({ connectTo: ['ws://127.0.0.1:5123'] });
    expect(directive(csp, 'connect-src')).toBe('connect-src ws://127.0.0.1:5123');
  });
});

describe('browser host headers', () => {
  it('sends the CSP with its own /rpc socket and refuses traversal', async () => {
    const core = await startTestCore();
    const rendererDir = tempDir('fieldbook-host-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<p>host</p>');
    const port = await freePort();
    const host = await startHostServer(core, rendererDir, port);
    try {
      const response = await fetch(`${host.url}/`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy')!;
      expect(directive(csp, 'connect-src')).toBe(`connect-src ws://127.0.0.1:${port} ws://localhost:${port}`);
      expect(directive(csp, 'script-src')).toBe("script-src 'self'");
      const bad = await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-security-policy')).toBe(csp);
    } finally {
      await host.close();
    }
  });
});
