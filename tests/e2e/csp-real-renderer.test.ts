/**
 * The real renderer (built by Vite) under the real CSP header of the browser
 * host, in Chromium: the app starts and talks to the core without a single
 * policy violation, while an injected inline script is refused.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../electron/core/host/host-server.js';
import { freePort } from '../../electron/core/primary/local-primary.js';
import { startTestCore } from '../helpers/core.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '..', '..');

let browser: Browser | null = null;
let host: HostServer | null = null;
afterEach(async () => {
  await browser?.close();
  await host?.close();
  browser = null;
  host = null;
});

describe('Content-Security-Policy with the real renderer', () => {
  it('lets the app run, blocks inline script, and reports no violation of its own', async () => {
    const rendererDir = tempDir('fieldbook-csp-renderer-');
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 120_000,
    });
    const core = await startTestCore();
    host = await startHostServer(core, rendererDir, await freePort());

    browser = await launchChromium();
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const failedRequests: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(new URL(response.url()).pathname);
    });
    // Injected by the automation protocol, not the page, so the CSP does not apply to it.
    await page.addInitScript({
      content: `globalThis.__violations = [];
        globalThis.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    await page.goto(`${host.url}/`);

    // The status bar only shows a sync state once the app has reached the core over /rpc.
    await expect.poll(async () => (await page.locator('.sync-state').textContent()) ?? '', { timeout: 15_000 }).toMatch(/^Not configured/);
    expect(await page.evaluate<string[]>('globalThis.__violations')).toEqual([]);

    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      document.head.appendChild(script);
    })()`);
    // Reported once per policy that refuses it (the header and index.html's fallback meta tag).
    await expect.poll(async () => (await page.evaluate<string[]>('globalThis.__violations')).length).toBeGreaterThan(0);
    for (const violation of await page.evaluate<string[]>('globalThis.__violations')) expect(violation).toBe('script-src-elem inline');
    expect(await page.evaluate('globalThis.__inlineRan')).toBeUndefined();
    // The app ships no favicon; every other request succeeded.
    expect(failedRequests.filter((p) => p !== '/favicon.ico')).toEqual([]);
    expect(consoleErrors.filter((text) => !/Content Security Policy|Failed to load resource/.test(text))).toEqual([]);
  });
});
