/**
 * Workspaces in real Chromium against the browser host over a real
 * WorkspaceManager: create, rename, switch (the list, the header, the job list
 * and the status bar follow, no reload), removal refused while edits are
 * unpushed, and sample data going into the local-only Demo workspace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { WorkspaceSummary } from '../../shared/domain/workspace.js';
import { expectAccessible, pollUntil, screenshot, startWorkspacesHost, useChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';
import { call } from '../helpers/workspaces.js';

const browser = useChromium();

const until = pollUntil(20_000);
const header = (page: Page) => page.locator('.app-header .workspace-name');
const jobTitles = (page: Page) => page.locator('.jobs-screen .job-title').allTextContents();
const entry = (page: Page, name: string) => page.getByRole('list', { name: 'Workspaces', exact: true }).getByRole('listitem', { name, exact: true });

async function openList(page: Page): Promise<void> {
  if ((await page.getByRole('button', { name: 'Workspaces', exact: true }).getAttribute('aria-expanded')) !== 'true') {
    await page.getByRole('button', { name: 'Workspaces', exact: true }).click();
  }
  await until(() => page.getByRole('list', { name: 'Workspaces', exact: true }).isVisible()).toBe(true);
}

describe('workspaces in Chromium', () => {
  it('creates, renames and switches without a reload; removal of unpushed edits is refused', { timeout: 180_000 }, async () => {
    const host = await startWorkspacesHost(tempDir('fieldbook-e2e-ws-'));
    const page = await browser().newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await call(host.manager, 'profile.set', { name: 'Alex Field' });
      await call(host.manager, 'jobs.create', { title: 'Boiler service at Plant North' });
      await page.goto(host.url);
      await until(() => jobTitles(page)).toEqual(['Boiler service at Plant North']);
      await until(() => header(page).textContent()).toBe('My workspace');
      // A marker that a full page reload would lose.
      await page.evaluate('window.__noReload = true');

      await openList(page);
      await page.getByRole('button', { name: 'New workspace', exact: true }).click();
      await page.getByLabel('Workspace name', { exact: true }).fill('Harbour team');
      await page.getByRole('button', { name: 'Create workspace' }).click();
      await until(() => header(page).textContent()).toBe('Harbour team');
      await until(() => page.getByRole('heading', { name: 'No jobs yet' }).isVisible()).toBe(true);
      await until(() => page.getByRole('status').filter({ hasText: /Not configured/ }).count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'New job', exact: true }).click();
      await page.getByLabel('Title').fill('Crane inspection');
      await page.getByRole('button', { name: /^Create job|^Save/ }).first().click();
      await until(async () => (await call<WorkspaceSummary[]>(host.manager, 'workspace.list')).find((w) => w.current)?.name).toBe('Harbour team');

      await openList(page);
      await expect(entry(page, 'My workspace').isVisible()).resolves.toBe(true);
      await expect(entry(page, 'Harbour team').isVisible()).resolves.toBe(true);
      await expectAccessible(page, 'workspace list');
      await screenshot(page, 'workspaces');

      await page.getByRole('button', { name: 'Rename My workspace' }).click();
      await page.getByLabel('New name for My workspace').fill('Plant North');
      await page.getByRole('button', { name: 'Save name' }).click();
      await until(() => entry(page, 'Plant North').isVisible()).toBe(true);

      // The first workspace's edit never reached a database: removing it is refused, and it stays.
      await page.getByRole('button', { name: 'Remove Plant North' }).click();
      await until(() => page.getByRole('alert').filter({ hasText: /not yet on its database.*Export/ }).isVisible()).toBe(true);
      await expect(entry(page, 'Plant North').isVisible()).resolves.toBe(true);

      await entry(page, 'Plant North').getByRole('button', { name: 'Plant North', exact: true }).click();
      await until(() => header(page).textContent()).toBe('Plant North');
      await until(() => jobTitles(page)).toEqual(['Boiler service at Plant North']);
      await openList(page);
      await entry(page, 'Harbour team').getByRole('button', { name: 'Harbour team', exact: true }).click();
      await until(() => jobTitles(page)).toEqual(['Crane inspection']);

      // Unsaved text stays with the workspace it was typed in.
      await page.getByRole('button', { name: 'New job', exact: true }).click();
      await page.getByLabel('Title').fill('Half-typed in Harbour');
      await openList(page);
      await entry(page, 'Plant North').getByRole('button', { name: 'Plant North', exact: true }).click();
      await until(() => header(page).textContent()).toBe('Plant North');
      await until(() => jobTitles(page)).toEqual(['Boiler service at Plant North']);
      await page.getByRole('button', { name: 'New job', exact: true }).click();
      await until(() => page.getByLabel('Title').isVisible()).toBe(true);
      await page.waitForTimeout(500);
      expect(await page.getByLabel('Title').inputValue()).toBe('');
      await openList(page);
      await entry(page, 'Harbour team').getByRole('button', { name: 'Harbour team', exact: true }).click();
      await until(() => jobTitles(page)).toEqual(['Crane inspection']);
      await page.getByRole('button', { name: 'New job', exact: true }).click();
      await until(() => page.getByLabel('Title').inputValue()).toBe('Half-typed in Harbour');
      expect(await page.evaluate('window.__noReload === true')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it('"Load sample data" opens the local-only Demo workspace and fills it there', { timeout: 120_000 }, async () => {
    const host = await startWorkspacesHost(tempDir('fieldbook-e2e-demo-'));
    const page = await browser().newPage({ viewport: { width: 1280, height: 860 } });
    try {
      await call(host.manager, 'profile.set', { name: 'Alex Field' });
      await page.goto(host.url);
      await page.getByRole('button', { name: 'Load sample data' }).click();
      await until(() => header(page).textContent()).toBe('Demo');
      await until(async () => (await jobTitles(page)).length).toBe(6);
      const list = await call<WorkspaceSummary[]>(host.manager, 'workspace.list');
      expect(list.map((w) => [w.name, w.kind, w.current])).toEqual([
        ['My workspace', 'team', false],
        ['Demo', 'demo', true],
      ]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
      await until(() => page.getByRole('note').filter({ hasText: /Demo workspace.*never syncs/ }).isVisible()).toBe(true);
      await expect(page.getByLabel('Primary URL').isVisible()).resolves.toBe(false);

      // The team workspace received none of it.
      await openList(page);
      await entry(page, 'My workspace').getByRole('button', { name: 'My workspace', exact: true }).click();
      await until(() => header(page).textContent()).toBe('My workspace');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Jobs', exact: true }).click();
      await until(() => page.getByRole('heading', { name: 'No jobs yet' }).isVisible()).toBe(true);
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
