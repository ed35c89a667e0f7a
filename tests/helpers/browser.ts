/** Real Debian Chromium through playwright-core, and a browser host around a real core. */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium-path.js';
import { expect } from 'vitest';
import type { Core, CoreOptions } from '../../electron/core/app-core.js';
import { startHostServer, type HostServer } from '../../electron/core/host/host-server.js';
import { ensureRendererBuild } from '../../electron/core/host/renderer-build.js';
import { freePort } from '../../electron/core/primary/local-primary.js';
import { closeCore, startTestCore } from './core.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface RunningHost {
  core: Core;
  server: HostServer;
  url: string;
  stop(): Promise<void>;
}

/** The browser host in-process: the same core and WebSocket binding `npm run host` uses. */
export async function startHost(
  dataDir: string,
  port?: number,
  options: { primaryUrl?: string; photos?: CoreOptions['photos'] } = {},
): Promise<RunningHost> {
  const rendererDir = ensureRendererBuild(ROOT);
  const core = await startTestCore({ dataDir, primaryUrl: options.primaryUrl, photos: options.photos });
  const server = await startHostServer(core, rendererDir, port ?? (await freePort()));
  return {
    core,
    server,
    url: server.url,
    async stop() {
      await server.close();
      await closeCore(core);
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated through DevTools, so the page's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  // A string expression: this file is compiled without DOM types.
  const violations = await page.evaluate<AxeViolation[]>('axe.run(document).then((r) => r.violations)');
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
