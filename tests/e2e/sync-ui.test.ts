/**
 * The sync components in real Chromium against a real core and primary (via
 * the browser host): the status bar tells the truth about the primary going
 * away and coming back, history restores an overwritten value, Settings tests
 * the connection, and the Sync screen repairs.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../electron/core/host/host-server.js';
import { freePort, type LocalPrimary } from '../../electron/core/primary/local-primary.js';
import type { Job } from '../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { edit, jobRow } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { startRecordingServer } from '../helpers/recording-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { DEFAULT_TIMINGS } from '../../electron/core/sync/sync-service.js';
import fs from 'node:fs';
import os from 'node:os';

const root = path.resolve(import.meta.dirname, '..', '..');
let outDir: string;
let browser: Browser;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-harness-'));
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(root, 'renderer', 'sync-harness.html') } },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

async function hostFor(primary: LocalPrimary | null, timings = {}) {
  const core = await startTestCore({ primaryUrl: primary?.url ?? null, syncTimings: timings });
  const host: HostServer = await startHostServer(core, outDir, await freePort());
  const page = await browser.newPage();
  const open = (query: string) => page.goto(`${host.url}/sync-harness.html?${query}`);
  return { core, host, page, open };
}

async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').first().textContent()) ?? '';
}

describe('sync UI in Chromium', () => {
  it('status bar: "Up to date", then "Offline" within seconds of the primary going away, then back by itself', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const { host, page, open } = await hostFor(primary, DEFAULT_TIMINGS);
    try {
      await open('view=status');
      await waitFor('Up to date', async () => (await statusText(page)).includes('Up to date'));
      await expect(page.getByRole('button', { name: 'Sync now' }).count()).resolves.toBe(1);
      await primary.stop('SIGKILL');
      await waitFor('Offline', async () => (await statusText(page)).includes('Offline'), 6_000);
      await startPrimary(dir, primary.port);
      await waitFor('Up to date again', async () => (await statusText(page)).includes('Up to date'), 8_000);
    } finally {
      await page.close();
      await host.close();
    }
  });

  it('history panel: marks the overwritten value and restores it', async () => {
    const { core, host, page, open } = await hostFor(null);
    try {
      const job = await invoke<Job>(core, 'jobs.create', { title: 'Original title' });
      await edit(core, 'job', job.id, 'update', { title: 'Newer title' });
      await open(`view=history&entity=job&id=${job.id}`);
      const restore = page.getByRole('button', { name: 'Restore title “Original title” from Unknown worker' });
      await restore.waitFor({ timeout: 10_000 });
      await expect(page.getByText('overwritten').count()).resolves.toBeGreaterThan(0);
      await restore.click();
      await waitFor('restored in the database', async () => (await jobRow(core, job.id))?.title === 'Original title');
      await waitFor('newest entry is current', async () =>
        (await page.locator('.history-entry').first().textContent())?.includes('Original title'),
      );
    } finally {
      await page.close();
      await host.close();
    }
  });

  it('connection section: tests the connection, warns that there is no secure store, never shows the token', async () => {
    const primary = await startPrimary();
    const { core, host, page, open } = await hostFor(null);
    try {
      await open('view=connection');
      // The note appears once the saved connection has loaded.
      await page.getByText('no secure store for secrets').waitFor({ timeout: 20_000 });
      await page.getByLabel('Primary URL').fill(primary.url);
      await page.getByLabel('Auth token').fill('very-secret-token');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText('Connected to the primary').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Save connection' }).click();
      // No secure store in the browser host: the token is saved only after an explicit yes.
      await page.getByRole('button', { name: 'Save token in plain text' }).click();
      await page.getByText('Connection saved').waitFor({ timeout: 20_000 });
      await expect(page.getByText('no secure store for secrets').count()).resolves.toBe(1);
      expect(await page.getByLabel('Auth token').inputValue()).toBe('');
      expect(await page.content()).not.toContain('very-secret-token');
      expect(core.settings.readToken()).toBe('very-secret-token');
      await waitFor('syncing with the saved primary', () => core.sync.status.state === 'up_to_date');

      // Another server: the saved token stays behind unless this server's own token is typed.
      const other = await startRecordingServer();
      await page.getByLabel('Primary URL').fill(other.url);
      const stayBehindNote = page.getByRole('note').filter({ hasText: `The saved token is sent only to ${primary.url}` });
      await stayBehindNote.waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText('Tested without a token').waitFor({ timeout: 20_000 });
      expect(other.requests.length).toBe(1);
      expect(other.authorizations()).toEqual([]);
      await page.getByLabel('Auth token').fill('other-server-token');
      await expect(stayBehindNote.count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await waitFor('the typed token sent', () => other.requests.length === 2);
      expect(other.authorizations()).toEqual(['Bearer other-server-token']);
      expect(other.sawToken('very-secret-token')).toBe(false);

      // Plain http:// to another computer is refused in words, before main is asked.
      await page.getByLabel('Primary URL').fill('http://db.example.com');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText(/The primary URL must start with https:\/\/ or libsql:\/\//).waitFor({ timeout: 5_000 });

      // Saving another server without its token removes the saved one, and says so.
      await page.getByLabel('Auth token').fill('');
      await page.getByLabel('Primary URL').fill(other.url);
      await page.getByRole('button', { name: 'Save connection' }).click();
      await page.getByText('it was removed: paste the token for this one').waitFor({ timeout: 20_000 });
      expect(core.settings.readToken()).toBeNull();
    } finally {
      await page.close();
      await host.close();
    }
  });

  it('sync screen: Repair is disabled on a healthy replica, asks first when needed, and rebuilds', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const { core, host, page, open } = await hostFor(primary);
    try {
      await invoke(core, 'jobs.create', { title: 'Before repair' });
      await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
      await open('view=sync');
      await page.getByRole('heading', { name: 'Sync' }).waitFor();
      const repair = page.getByRole('button', { name: 'Repair' });
      await waitFor('State: Up to date', async () => (await page.locator('dd').first().textContent()) === 'Up to date');
      expect(await repair.isDisabled()).toBe(true);
      expect(await page.getByText(/Repair is not needed/).count()).toBe(1);

      // The primary comes back empty: it lost an edit this laptop synced, so the replica needs repair.
      await primary.stop('SIGKILL');
      for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
      await startPrimary(dir, primary.port);
      await waitFor('Repair enabled', async () => !(await repair.isDisabled()), 30_000);

      // Cancel leaves everything as it was.
      await repair.click();
      const dialog = page.getByRole('alertdialog', { name: "Repair this laptop's copy?" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toMatch(/rebuilds this laptop's copy of the workspace from the primary/);
      expect(await dialog.textContent()).toMatch(/kept in a recovery folder/);
      expect(await dialog.textContent()).toMatch(/primary does not have yet are sent to it again/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await waitFor('dialog closed', async () => (await dialog.count()) === 0);
      expect(core.sync.status.needsRepair).toBe(true);

      await repair.click();
      await dialog.getByRole('button', { name: 'Repair now' }).click();
      await page.getByText(/rebuilt from the primary/).first().waitFor({ timeout: 20_000 });
      await expect(page.getByRole('table').count()).resolves.toBe(1);
      await waitFor('Repair disabled again', async () => await repair.isDisabled(), 20_000);
    } finally {
      await page.close();
      await host.close();
    }
  });

  it('sync screen: a repair error ("cannot be reached") is gone once sync is up to date again', async () => {
    const dir = tempDir('fieldbook-primary-');
    const primary = await startPrimary(dir);
    const { core, host, page, open } = await hostFor(primary);
    try {
      await invoke(core, 'jobs.create', { title: 'Synced' });
      await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
      await primary.stop('SIGKILL');
      for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file));
      const back = await startPrimary(dir, primary.port);
      await waitFor('repair needed', () => core.sync.status.needsRepair, 30_000);
      await open('view=sync');
      const repair = page.getByRole('button', { name: 'Repair' });
      await waitFor('Repair enabled', async () => !(await repair.isDisabled()));
      // Offline at the moment of the confirming click: the repair refuses and says why. The offer survives the
      // primary going away (even between a pull and the history check, which once cleared it: CI, session 8).
      await repair.click();
      const repairNow = page.getByRole('alertdialog').getByRole('button', { name: 'Repair now' });
      await repairNow.waitFor();
      await back.stop('SIGKILL');
      await repairNow.click();
      const alert = page.getByRole('alert');
      // Any alert may carry it (a strict single-element read would throw if another alert showed meanwhile).
      await waitFor('repair error shown', async () => (await alert.allTextContents()).some((text) => /cannot be reached/.test(text))).catch(async (error: unknown) => {
        // Say what the screen showed instead: this wait once timed out in CI and did not reproduce here.
        const shown = { alerts: await alert.allTextContents(), statusBar: await page.locator('.status-bar').textContent(), sync: core.sync.status };
        throw new Error(`${(error as Error).message}; shown: ${JSON.stringify(shown)}`);
      });
      // The primary is back, a repair (from another window, say) succeeds, sync is up to date: the old error goes.
      await startPrimary(dir, primary.port);
      await invoke(core, 'sync.repair');
      await waitFor('Up to date', () => core.sync.status.state === 'up_to_date' && !core.sync.status.needsRepair, 20_000);
      await waitFor('error gone', async () => (await alert.count()) === 0, 10_000);
      expect(await page.locator('.status-bar').textContent()).not.toMatch(/could not be reached|cannot be reached/);
    } finally {
      await page.close();
      await host.close();
    }
  });
});
