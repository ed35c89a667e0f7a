/**
 * The packaged app on REAL Electron (no stand-ins): the unpacked test build from
 * `npm run dist:test -- --dir`, driven by Playwright's Electron support. It needs the Electron
 * download and a display, so it runs in CI (.github/workflows/desktop.yml) and through
 * `npm run test:electron`, never in `npm test`. A first run (worker name, one job), quit, and a
 * second run on the same user-data folder that still has the job, with no console error and no
 * page error either time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { packagedExecutable } from './packaged-binary.js';

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-smoke-'));
afterAll(() => fs.rmSync(userDataDir, { recursive: true, force: true }));

interface Run {
  app: ElectronApplication;
  page: Page;
  errors: string[];
}

/** Launches the packaged binary on the test's own user-data folder and waits for its window. */
async function launch(): Promise<Run> {
  const env = { ...process.env } as Record<string, string>;
  // No primary: the app starts offline and reaches no network.
  delete env.FIELDBOOK_PRIMARY_URL;
  const app = await _electron.launch({
    executablePath: packagedExecutable(),
    // Electron points app.getPath('userData') at an absolute --user-data-dir.
    args: [`--user-data-dir=${userDataDir}`],
    env,
    // Keep Chromium's OS sandbox on (Playwright turns it off on Linux by default).
    chromiumSandbox: true,
    timeout: 90_000,
  });
  const errors: string[] = [];
  app.on('console', (message) => {
    if (message.type() === 'error') errors.push(`main: ${message.text()}`);
  });
  app.context().on('console', (message) => {
    if (message.type() === 'error') errors.push(`renderer: ${message.text()}`);
  });
  app.context().on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
  const page = await app.firstWindow({ timeout: 90_000 });
  await page.waitForLoadState('domcontentloaded');
  return { app, page, errors };
}

/** Quits through the app (before-quit closes the core) and waits for the process to end. */
async function quit(run: Run): Promise<number | null> {
  const child = run.app.process();
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await run.app.close();
  return exited;
}

const until = <T>(check: () => Promise<T> | T) => expect.poll(check, { timeout: 30_000, interval: 100 });
const JOB_TITLE = 'Smoke test: inspect the roof vents';

describe('packaged Fieldbook on real Electron', () => {
  it('starts, keeps a new job across a restart, and logs no errors', async () => {
    const first = await launch();
    let exitCode: number | null;
    try {
      // The preload ran in the sandbox and exposed the bridge; the page is the app origin.
      expect(await first.page.evaluate('typeof window.fieldbook')).toBe('object');
      expect(await first.page.evaluate('location.href')).toBe('app://fieldbook/index.html');

      const welcome = first.page.getByRole('dialog', { name: 'Welcome to Fieldbook' });
      await until(() => welcome.isVisible()).toBe(true);
      await welcome.getByLabel('Your name').fill('Sam Smoke');
      await welcome.getByRole('button', { name: 'Continue' }).click();
      await until(() => welcome.count()).toBe(0);
      await until(() => first.page.getByText('No jobs yet').isVisible()).toBe(true);

      await first.page.getByRole('button', { name: 'New job', exact: true }).click();
      await first.page.getByLabel('Title', { exact: true }).fill(JOB_TITLE);
      await first.page.getByRole('button', { name: 'Save' }).click();
      await until(() => first.page.getByRole('heading', { name: JOB_TITLE }).isVisible()).toBe(true);
    } finally {
      exitCode = await quit(first);
    }
    expect(exitCode).toBe(0);
    expect(first.errors).toEqual([]);
    // The replica and settings went to the folder the test chose, not the user's real profile.
    expect(fs.readdirSync(userDataDir)).toContain('settings.json');

    const second = await launch();
    try {
      await until(() => second.page.getByRole('list', { name: 'Jobs', exact: true }).getByText(JOB_TITLE).isVisible()).toBe(true);
      // The worker name was kept too: no first-run prompt.
      expect(await second.page.getByRole('dialog', { name: 'Welcome to Fieldbook' }).count()).toBe(0);
    } finally {
      exitCode = await quit(second);
    }
    expect(exitCode).toBe(0);
    expect(second.errors).toEqual([]);
  });
});
