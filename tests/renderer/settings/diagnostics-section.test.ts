/**
 * "Copy diagnostics" in real Chromium against a real core through the browser
 * host (its /rpc socket and its CSP header): the clipboard ends up with the
 * report, the confirmation shows, and neither holds the token.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../helpers/chromium-path.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../../electron/core/host/host-server.js';
import { freePort } from '../../../electron/core/primary/local-primary.js';
import { invoke, startTestCore } from '../../helpers/core.js';
import { TestKeychainBox } from '../../helpers/keychain-box.js';
import { tempDir } from '../../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6ImNsaXBib2FyZCJ9.Y2xpcGJvYXJkLXNpZ25hdHVyZQ';

let browser: Browser | null = null;
let host: HostServer | null = null;
afterEach(async () => {
  await browser?.close();
  await host?.close();
  browser = null;
  host = null;
});

/** A page that mounts only the section, bundled like the app (external script, so the CSP applies). */
async function buildFixturePage(dir: string): Promise<void> {
  await build({
    stdin: {
      contents: [
        "import { createRoot } from 'react-dom/client';",
        "import { DiagnosticsSection } from './components/settings/DiagnosticsSection';",
        "createRoot(document.getElementById('root')!).render(<DiagnosticsSection />);",
      ].join('\n'),
      resolveDir: path.join(root, 'renderer', 'src'),
      loader: 'tsx',
      sourcefile: 'diagnostics-fixture.tsx',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: path.join(dir, 'fixture.js'),
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Diagnostics</title><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/fixture.js"></script></body></html>',
  );
}

describe('DiagnosticsSection', () => {
  it('copies the report to the clipboard and confirms, without the token', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await invoke(core, 'settings.setConnection', { url: null, authToken: TOKEN });
    core.logger.error('push failed', new Error(`401 Bearer ${TOKEN}`));
    const rendererDir = tempDir('fieldbook-diag-page-');
    await buildFixturePage(rendererDir);
    host = await startHostServer(core, rendererDir, await freePort());

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${host.url}/`);

    // Where the unencrypted data lives is on screen, not only in the copied report.
    await expect.poll(() => page.getByTestId('data-folder').textContent()).toContain(`Data folder: ${core.settings.dataDir}`);
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect.poll(async () => (await page.getByRole('status').count()) > 0 && page.getByRole('status').textContent()).toBe(
      'Diagnostics copied to the clipboard.',
    );
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toContain(`"deviceId": "${core.settings.current.deviceId}"`);
    expect(copied).toContain('Token storage: test keychain');
    expect(copied).toContain(`Data folder: ${core.settings.dataDir} (database not encrypted`);
    expect(copied).toContain('401 Bearer [redacted]');
    expect(copied).not.toContain(TOKEN);
    // The page ran under the host's CSP header without a single violation.
    expect(problems).toEqual([]);
  });

  it('says so when the clipboard refuses', async () => {
    const core = await startTestCore();
    const rendererDir = tempDir('fieldbook-diag-page-');
    await buildFixturePage(rendererDir);
    host = await startHostServer(core, rendererDir, await freePort());
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // A refused clipboard write (denied permission), simulated in the page: the section must say so, not pretend.
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript({ content: "navigator.clipboard.writeText = () => Promise.reject(new Error('Write permission denied.'));" });
    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect.poll(async () => (await page.getByRole('alert').count()) > 0 && page.getByRole('alert').textContent()).toBe(
      'Could not copy diagnostics: Write permission denied.',
    );
  });
});
