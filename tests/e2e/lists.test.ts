/**
 * The lists of a working day in real Chromium against the browser host: the
 * job list keeps its place while a colleague's changes arrive (through a real
 * primary) and when coming back from a job, filters survive a restart, the
 * total is counted; history reads in words and a restore writes the timeline;
 * delete offers Undo and the Deleted view restores; pickers reach site #4,999
 * of 5,000; assignees are people and "assigned to me" survives a rename; and
 * at 1366×768 and 1024×600 enough rows show.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { siteEntity } from '../../electron/core/features/sites/site-entity.js';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { Site } from '../../shared/domain/sites.js';
import { HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { expectAccessible, pollUntil, screenshot, startHost, useChromium } from '../helpers/browser.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

type ErrorPage = Page & { errors?: string[] };

async function openPage(url: string, viewport = { width: 1280, height: 860 }): Promise<ErrorPage> {
  const context = await browser().newContext({ viewport });
  const page: ErrorPage = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/^Refused to/i.test(message.text())) errors.push(message.text());
  });
  await page.goto(url);
  page.errors = errors;
  return page;
}

/** Polls generously: the machine is shared, and a busy moment must not fail a correct UI. */
const until = pollUntil(20_000);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const jobList = (page: Page) => page.getByRole('list', { name: 'Jobs', exact: true });
const count = (page: Page) => page.locator('.jobs-screen .count').textContent();

/** Title of the row at the top edge of the job list's view. */
const topRow = (page: Page) =>
  page.evaluate<string | null>(`(() => {
    const box = document.querySelector('.virtual-scroller').getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 30, box.top + 3);
    return hit?.closest('.job-row')?.querySelector('.job-title')?.textContent ?? null;
  })()`);

/** Rows wholly inside the job list's visible area. */
const rowsInView = (page: Page) =>
  page.evaluate<number>(`(() => {
    const box = document.querySelector('.virtual-scroller').getBoundingClientRect();
    return [...document.querySelectorAll('.virtual-row')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5;
    }).length;
  })()`);

/** Writes as another laptop would have: its own device id and name in the change log. */
function otherDevice(deviceId: string, name: string): EditContext {
  return { clock: new HybridClock(deviceId), deviceId, actor: () => name, now: () => new Date() };
}

async function seedJobs(core: Core, count: number, title: (i: number) => string, values: Record<string, string | null> = {}): Promise<void> {
  await core.replica.db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await recordEdit(tx, core.edits, jobEntity, {
        entityId: uuidv7(),
        kind: 'create',
        values: { title: title(i), description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null, ...values },
      });
    }
  });
  core.events.emit('data.changed', { entities: ['job'] });
}

async function scrollToRow(page: Page, row: number, rowHeight: number): Promise<void> {
  const scroller = page.locator('.virtual-scroller');
  // Rows load in pages as the end comes into view.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await jobList(page).getByText(`Meter reading ${String(row + 20).padStart(6, '0')}`).count()) === 0) {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(80);
  }
  await scroller.evaluate((el, top) => el.scrollTo(0, top), row * rowHeight);
}

describe('lists in the browser', () => {
  it('keeps the place at row 800 when a colleague’s change arrives and after a job + Esc; counts all; keeps filters across a restart', { timeout: 240_000 }, async () => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-e2e-lists-');
    let host = await startHost(dataDir, undefined, { primaryUrl: primary.url });
    const port = Number(new URL(host.url).port);
    await invoke(host.core, 'profile.set', { name: 'Alex Field' });
    await seedJobs(host.core, 1200, (i) => `Meter reading ${String(i).padStart(6, '0')}`);
    await invoke(host.core, 'sync.now');
    const colleague = await startTestCore({ primaryUrl: primary.url });
    await invoke(colleague, 'profile.set', { name: 'Sam' });
    await invoke(colleague, 'sync.now');
    expect((await invoke<JobPage>(colleague, 'jobs.list', { limit: 5 })).items).toHaveLength(5);

    const page = await openPage(host.url);
    await page.getByLabel('Sort by').selectOption('title');
    await until(() => jobList(page).getByText('Meter reading 000000').isVisible()).toBe(true);
    // The total, not the rows loaded so far.
    await until(() => count(page)).toBe('1,200 jobs');
    const rowHeight = await page.locator('.virtual-row').first().evaluate((el) => el.getBoundingClientRect().height);
    await scrollToRow(page, 800, rowHeight);
    await until(() => topRow(page)).toBe('Meter reading 000800');

    // The colleague edits a row far above and adds one that sorts above row 800; our laptop pulls them.
    const above = (await invoke<JobPage>(colleague, 'jobs.list', { search: 'reading 000005' })).items[0]!;
    await invoke(colleague, 'jobs.update', { id: above.id, title: 'Meter reading 000005 (checked)' });
    await invoke(colleague, 'jobs.create', { title: 'Meter reading 000100a (new)' });
    await invoke(colleague, 'sync.now');
    await until(() => count(page)).toBe('1,201 jobs');
    await until(() => host.core.replica.db.get('SELECT id FROM jobs WHERE title = ?', ['Meter reading 000005 (checked)'])).toBeTruthy();
    await page.waitForTimeout(500);
    expect(await topRow(page)).toBe('Meter reading 000800');

    // Open the job below the top, come back with Esc: same place, focus on that row.
    await jobList(page).getByText('Meter reading 000802').click();
    await until(() => page.getByRole('heading', { name: 'Meter reading 000802' }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Meter reading 000802' }).click();
    await page.keyboard.press('Escape');
    await until(() => topRow(page)).toBe('Meter reading 000800');
    await until(() => page.evaluate<string | null>("document.activeElement?.closest('[data-job-id]')?.querySelector('.job-title')?.textContent ?? null")).toBe('Meter reading 000802');

    // Filters and sort survive a restart of the host (main keeps them in a local file).
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await until(() => count(page)).toBe('1,201 jobs');
    await page.getByLabel('Search jobs').fill('reading 0001');
    // Every word somewhere, as the list matches: 000100–000199 and 000100a, but
    // also 000010–000019 and 000001 — 112 in all.
    await until(() => count(page)).toBe('112 jobs');
    await page.getByLabel('Search jobs').fill('');
    await until(() => count(page)).toBe('1,201 jobs');
    await host.stop();
    host = await startHost(dataDir, port, { primaryUrl: primary.url });
    await page.reload();
    await until(() => page.getByLabel('Sort by').inputValue()).toBe('title');
    expect(await page.getByRole('button', { name: /^Filters/ }).textContent()).toBe('Filters (1)');
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('open');
    await until(() => jobList(page).getByText('Meter reading 000000').isVisible()).toBe(true);
    await until(() => count(page)).toBe('1,201 jobs');
    await expectAccessible(page, 'job list with filters open');
    expect(page.errors).toEqual([]);
    await host.stop();
  });

  it('history reads in words and a restore writes the timeline; delete offers Undo; the Deleted view restores; assignees are people', { timeout: 180_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-lists-'));
    const core = host.core;
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: '12 Quay Street' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler service', siteId: site.id, assignee: 'Alex Field', assigneeId: core.settings.current.deviceId, dueDate: '2026-12-05' });
    await invoke(core, 'jobs.update', { id: job.id, assignee: 'Sam', description: `Long access notes: ${'gate code 4471, ask at reception; '.repeat(12)}` });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    // A colleague known from the change log, who is no assignee yet.
    await core.replica.db.transaction((tx) =>
      recordEdit(tx, otherDevice('device-of-samira', 'Samira Khan'), siteEntity, {
        entityId: uuidv7(),
        kind: 'create',
        values: { name: 'Old Depot', address: 'Mill Lane', latitude: null, longitude: null, contact: '', notes: '' },
      }),
    );
    core.events.emit('data.changed', { entities: ['site'] });

    const page = await openPage(host.url);
    await jobList(page).getByText('Boiler service').click();
    const history = page.getByRole('region', { name: 'History' });
    await until(() => history.getByText('Harbour View').first().isVisible()).toBe(true);
    expect(await history.getByText('In progress', { exact: true }).isVisible()).toBe(true);
    expect(await history.getByText(site.id).count()).toBe(0);
    expect(await history.getByText('in_progress').count()).toBe(0);
    expect(await history.getByText('2026-12-05').count()).toBe(0);
    const long = history.locator('.value', { hasText: 'Long access notes' }).first();
    expect(await long.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

    // Restore the earlier assignee: the timeline says so, as a direct reassignment would.
    await history.getByRole('button', { name: /^Restore assignee “Alex Field”/ }).click();
    await until(() => page.locator('.timeline').getByText('Reassigned from Sam to Alex Field').isVisible()).toBe(true);
    await until(() => page.locator('.facts').getByText('Alex Field', { exact: true }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 1600 });
    await screenshot(page, 'history');
    await page.setViewportSize({ width: 1280, height: 860 });
    await expectAccessible(page, 'job detail with history');

    // Delete, then Undo from the toast.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const toast = page.getByRole('status').filter({ hasText: 'deleted' });
    await until(() => toast.getByText('Job “Boiler service” deleted.').isVisible()).toBe(true);
    await until(() => jobList(page).getByText('Boiler service').count()).toBe(0);
    await screenshot(page, 'undo-delete');
    await expectAccessible(page, 'undo toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until(() => jobList(page).getByText('Boiler service').isVisible()).toBe(true);
    await until(() => page.getByText('Job “Boiler service” restored.').isVisible()).toBe(true);

    // Delete the site of a job-less site and the job again; both wait in the Deleted view.
    await nav(page, 'Sites').click();
    await page.getByRole('button', { name: /Old Depot/ }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await until(() => page.getByText('Site “Old Depot” deleted.').isVisible()).toBe(true);
    await nav(page, 'Jobs').click();
    await jobList(page).getByText('Boiler service').click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await until(() => jobList(page).getByText('Boiler service').count()).toBe(0);
    await nav(page, 'Deleted').click();
    const deleted = page.getByRole('list', { name: 'Deleted jobs and sites' });
    await until(() => deleted.getByText('Boiler service').isVisible()).toBe(true);
    expect(await deleted.getByText('Old Depot').isVisible()).toBe(true);
    await screenshot(page, 'deleted');
    await expectAccessible(page, 'deleted view');
    await deleted.getByRole('button', { name: 'Restore job “Boiler service”' }).click();
    await until(() => deleted.getByText('Boiler service').count()).toBe(0);
    await nav(page, 'Jobs').click();
    await until(() => jobList(page).getByText('Boiler service').isVisible()).toBe(true);
    expect((await invoke<Job>(core, 'jobs.get', { id: job.id })).deletedAt).toBeNull();

    // A new job assigned to a colleague picked from the people the workspace knows.
    await page.getByRole('button', { name: 'New job', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill('Gas meter check');
    const assignee = page.getByLabel('Assignee', { exact: true });
    await assignee.fill('');
    await assignee.pressSequentially('sam');
    await until(() => page.getByRole('option', { name: 'Samira Khan' }).isVisible()).toBe(true);
    await screenshot(page, 'assignee-picker');
    await expectAccessible(page, 'assignee suggestions');
    await page.keyboard.press('ArrowDown');
    await until(() => page.locator('[role="option"].active').textContent()).toMatch(/^Sam/);
    await page.getByRole('option', { name: 'Samira Khan' }).click();
    expect(await assignee.inputValue()).toBe('Samira Khan');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByRole('heading', { name: 'Gas meter check' }).isVisible()).toBe(true);
    const created = (await invoke<JobPage>(core, 'jobs.list', { search: 'Gas meter' })).items[0]!;
    expect(created).toMatchObject({ assignee: 'Samira Khan', assigneeId: 'device-of-samira' });

    // "Assigned to me" keeps the worker's jobs after a rename.
    await nav(page, 'Settings').click();
    await page.getByLabel('Your name').fill('Alexandra Field');
    await page.getByRole('button', { name: 'Save name' }).click();
    await until(() => page.getByText('Saved. New changes are signed with this name.').isVisible()).toBe(true);
    await nav(page, 'Jobs').click();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Assigned to me').check();
    await until(() => count(page)).toBe('1 job');
    expect(await jobList(page).getByText('Boiler service').isVisible()).toBe(true);
    expect(page.errors).toEqual([]);
    await host.stop();
  });

  it('finds site #4,999 of 5,000 by typing, pages all of a site’s jobs, preselects it for "New job here", and fits laptop screens', { timeout: 240_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-lists-'));
    const core = host.core;
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const siteIds: string[] = [];
    await core.replica.db.transaction(async (tx) => {
      for (let i = 1; i <= 5000; i++) {
        const id = uuidv7();
        siteIds.push(id);
        await recordEdit(tx, core.edits, siteEntity, {
          entityId: id,
          kind: 'create',
          values: { name: `Depot ${String(i).padStart(4, '0')}`, address: `${i} Mill Lane`, latitude: null, longitude: null, contact: '', notes: '' },
        });
      }
    });
    const site4999 = siteIds[4998]!;
    await seedJobs(core, 150, (i) => `Meter reading ${String(i).padStart(6, '0')}`, { siteId: site4999 });
    await seedJobs(core, 60, (i) => `Elsewhere ${i}`, { siteId: siteIds[0]! });

    const page = await openPage(host.url, { width: 1366, height: 768 });
    await until(() => count(page)).toBe('210 jobs');
    // Filter by site #4,999, with the keyboard only.
    await page.getByRole('button', { name: /^Filters/ }).click();
    const siteFilter = page.getByRole('combobox', { name: 'Site' });
    await siteFilter.focus();
    await siteFilter.pressSequentially('4999');
    const option = page.getByRole('option', { name: /Depot 4999/ });
    await until(() => option.isVisible()).toBe(true);
    expect(await siteFilter.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'site-combobox');
    await expectAccessible(page, 'site combobox open');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await siteFilter.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');
    await until(() => siteFilter.inputValue()).toBe('Depot 4999');
    await until(() => count(page)).toBe('150 jobs');
    await until(() => jobList(page).getByText('Elsewhere 1', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await until(() => count(page)).toBe('210 jobs');

    // Rows visible: at least 10 at 1366×768 and 5 at 1024×600, filters collapsed.
    await until(() => rowsInView(page)).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'jobs-1366x768');
    await expectAccessible(page, 'jobs at 1366×768');
    await page.setViewportSize({ width: 1024, height: 600 });
    await until(() => rowsInView(page)).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'jobs-1024x600');
    await expectAccessible(page, 'jobs at 1024×600');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The site's page reaches all 150 of its jobs.
    await nav(page, 'Sites').click();
    await page.getByLabel('Search sites').fill('Depot 4999');
    await page.getByRole('button', { name: /Depot 4999/ }).click();
    await until(() => page.getByRole('heading', { name: 'Depot 4999' }).isVisible()).toBe(true);
    const siteJobs = page.getByRole('list', { name: 'Jobs at this site' });
    await until(() => siteJobs.locator('li').count()).toBe(100);
    expect(await page.getByText('150 jobs', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Show more jobs' }).click();
    await until(() => siteJobs.locator('li').count()).toBe(150);
    expect(await page.getByRole('button', { name: 'Show more jobs' }).count()).toBe(0);

    // "New job here" preselects the site, though it is the 4,999th of 5,000.
    await page.getByRole('button', { name: 'New job here' }).click();
    await until(() => page.getByLabel('Site', { exact: true }).inputValue()).toBe('Depot 4999');
    await page.getByLabel('Title', { exact: true }).fill('Valve check');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByRole('heading', { name: 'Valve check' }).isVisible()).toBe(true);
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'Valve check' })).items[0]).toMatchObject({ siteId: site4999, assignee: 'Alex Field', assigneeId: core.settings.current.deviceId });
    expect(page.errors).toEqual([]);
    await host.stop();
  });
});
