/** Real Debian Chromium through playwright-core, and a browser host around a real core. */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium-path.js';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Core, CoreOptions } from '../../electron/core/app-core.js';
import { startHostServer, type HostServer } from '../../electron/core/host/host-server.js';
import { ensureRendererBuild } from '../../electron/core/host/renderer-build.js';
import { freePort } from '../../electron/core/primary/local-primary.js';
import type { WorkspaceManager } from '../../electron/core/workspaces/workspace-manager.js';
import { closeWorkspaces, startTestWorkspaces } from './workspaces.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * One Chromium for a whole test file: launched before its first test, closed
 * after its last. Returns a getter, because the browser exists only once the
 * hook has run.
 */
export function useChromium(launchTimeoutMs = 60_000): () => Browser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  }, launchTimeoutMs);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: call useChromium() at the top level of the test file');
    return browser;
  };
}

/**
 * `expect.poll` with this file's patience: the renderer reaches a state after
 * re-renders and sync rounds, so e2e checks poll instead of sleeping.
 */
export const pollUntil =
  (timeoutMs: number, intervalMs = 50) =>
  <T>(check: () => Promise<T> | T) =>
    expect.poll(check, { timeout: timeoutMs, interval: intervalMs });

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and CSP refusals seen so far: a test expects none. */
  errors: string[];
}

/**
 * A fresh context and page at the app's URL, collecting uncaught errors and
 * CSP refusals (the app runs under its real CSP: a refused eval or inline code
 * is a bug). Close `context` when done.
 */
export async function openAppPage(browser: Browser, url: string, options: { locale?: string; beforeGoto?: (page: Page) => void } = {}): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...(options.locale ? { locale: options.locale } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({
    content: `globalThis.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective));`,
  });
  page.on('console', (message) => {
    if (/^CSP violation|^Refused to/.test(message.text())) errors.push(message.text());
  });
  options.beforeGoto?.(page);
  await page.goto(url);
  return { context, page, errors };
}

export interface RunningHost {
  core: Core;
  server: HostServer;
  url: string;
  stop(): Promise<void>;
}

/**
 * The browser host in-process, over a WorkspaceManager as `npm run host` runs it.
 * `core` is the open workspace's Core at the moment it is read (after "Load
 * sample data" that is the Demo workspace).
 */
export async function startHost(
  dataDir: string,
  port?: number,
  options: { primaryUrl?: string; photos?: CoreOptions['photos'] } = {},
): Promise<RunningHost> {
  const rendererDir = ensureRendererBuild(ROOT);
  const manager = await startTestWorkspaces({ dataDir, primaryUrl: options.primaryUrl, photos: options.photos });
  const server = await startHostServer(manager, rendererDir, port ?? (await freePort()));
  return {
    get core() {
      return manager.current;
    },
    server,
    url: server.url,
    async stop() {
      await server.close();
      await closeWorkspaces(manager);
    },
  };
}

/** The browser host over a WorkspaceManager, as `npm run host` runs it: several workspaces, one open. */
export async function startWorkspacesHost(dataDir: string, options: { primaryUrl?: string } = {}) {
  const rendererDir = ensureRendererBuild(ROOT);
  const manager: WorkspaceManager = await startTestWorkspaces({ dataDir, primaryUrl: options.primaryUrl });
  const server = await startHostServer(manager, rendererDir, await freePort());
  return {
    manager,
    url: server.url,
    async stop() {
      await server.close();
      await closeWorkspaces(manager);
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
