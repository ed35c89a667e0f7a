/**
 * A field worker's day in real Chromium against the browser host: first run,
 * a site, a job, its checklist signed off, a note, the job done, found again
 * by search and filter, and all of it still there after the host restarts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { JobPage } from '../../shared/domain/jobs.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { recordEdit } from '../../electron/core/changes/change-log.js';
import { HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { invoke } from '../helpers/core.js';
import { expectAccessible, pollUntil, screenshot, startHost, useChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

async function openPage(url: string): Promise<Page> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The app runs under its real CSP; anything it refuses is a bug.
  page.on('console', (message) => {
    if (/^Refused to/i.test(message.text())) errors.push(message.text());
  });
  await page.goto(url);
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** Polls generously: the machine is shared, and a busy moment must not fail a correct UI. */
const until = pollUntil(15_000);

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const jobList = (page: Page) => page.getByRole('list', { name: 'Jobs', exact: true });

describe('field work in the browser', () => {
  it('runs a whole job from site to sign-off, finds it again, and keeps it across a host restart', { timeout: 180_000 }, async () => {
    const dataDir = tempDir('fieldbook-e2e-');
    let host = await startHost(dataDir);
    const port = Number(new URL(host.url).port);
    const page = await openPage(host.url);

    // First run: the profile prompt, then the empty workspace offers sample data.
    const welcome = page.getByRole('dialog', { name: 'Welcome to Fieldbook' });
    await until(() => welcome.isVisible()).toBe(true);
    await welcome.getByRole('button', { name: 'Continue' }).click();
    await until(() => welcome.getByText('Enter your name to continue.').isVisible()).toBe(true);
    await expectAccessible(page, 'first run');
    await screenshot(page, 'first-run');
    await welcome.getByLabel('Your name').fill('Alex Field');
    await welcome.getByRole('button', { name: 'Continue' }).click();
    await until(() => welcome.count()).toBe(0);
    await until(() => page.getByText('No jobs yet').isVisible()).toBe(true);
    await expectAccessible(page, 'empty jobs');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await until(() => jobList(page).getByText('Annual boiler service').isVisible()).toBe(true);

    // A new site.
    await nav(page, 'Sites').click();
    await page.getByRole('button', { name: 'New site' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByText('Give the site a name.').isVisible()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Quarry Road Substation');
    await page.getByLabel('Address', { exact: true }).fill('9 Quarry Road, Eastfield');
    await page.getByLabel('Contact', { exact: true }).fill('Grid control, 555-0110');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByRole('heading', { name: 'Quarry Road Substation' }).isVisible()).toBe(true);

    // A new job there, from the job list's "New job".
    await nav(page, 'Jobs').click();
    await page.getByRole('button', { name: 'New job', exact: true }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByText('Give the job a title').isVisible()).toBe(true);
    await page.getByLabel('Title', { exact: true }).fill('Transformer oil sampling');
    await page.getByLabel('Site', { exact: true }).fill('Quarry');
    await page.getByRole('option', { name: /Quarry Road Substation/ }).click();
    await until(() => page.getByLabel('Site', { exact: true }).inputValue()).toBe('Quarry Road Substation');
    await page.getByLabel('Priority', { exact: true }).selectOption('high');
    await page.getByLabel('Due date', { exact: true }).fill('2026-12-04');
    await page.getByLabel('Assignee', { exact: true }).fill('Alex Field');
    await page.getByLabel('Description', { exact: true }).fill('Take oil samples from T1 and T2; log temperatures.');
    await screenshot(page, 'new-job');
    await expectAccessible(page, 'new job');
    await page.getByRole('button', { name: 'Save' }).click();
    const heading = page.getByRole('heading', { name: 'Transformer oil sampling' });
    await until(() => heading.isVisible()).toBe(true);

    // The checklist: start, answer every item, a measurement, sign off.
    await page.getByRole('button', { name: 'Start checklist' }).click();
    const groups = page.locator('.checklist fieldset');
    await until(() => groups.count()).toBe(6);
    const signOff = page.getByRole('button', { name: 'Sign off checklist' });
    expect(await signOff.isDisabled()).toBe(true);
    const labels = await page.locator('.checklist legend').allTextContents();
    for (const [index, label] of labels.entries()) {
      const group = page.getByRole('group', { name: label });
      await group.getByLabel(index === 2 ? 'Fail' : 'Pass').click();
      await until(() => group.getByLabel(index === 2 ? 'Fail' : 'Pass').isChecked()).toBe(true);
    }
    const rcd = page.getByRole('group', { name: 'Residual current device trips (ms)' });
    await rcd.getByLabel('Measurement').fill('28.5');
    await rcd.getByLabel('Unit').fill('ms');
    await rcd.getByLabel('Comment').fill('Within limit');
    await rcd.getByLabel('Comment').blur();
    await until(() => page.getByText('6 of 6 answered · 1 failed').isVisible()).toBe(true);
    await signOff.click();
    await until(() => page.getByText(/Signed off by Alex Field/).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: labels[0]! }).getByLabel('Pass').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reopen checklist' }).isVisible()).toBe(true);

    // A note, then the job done.
    await page.getByLabel('Note', { exact: true }).fill('T2 oil darker than last year; resample in 3 months.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await until(() => page.locator('.timeline').getByText('T2 oil darker than last year').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start work' }).click();
    await until(() => page.getByRole('button', { name: 'Mark done' }).first().isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Mark done' }).first().click();
    await until(() => page.getByRole('button', { name: 'Reopen job' }).isVisible()).toBe(true);
    await until(() => page.locator('.timeline').getByText('Status changed: In progress → Done').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 1900 });
    await screenshot(page, 'job-detail');
    await page.setViewportSize({ width: 1280, height: 860 });
    await expectAccessible(page, 'job detail');

    // Found again by search and by filter.
    await nav(page, 'Jobs').click();
    await page.getByLabel('Search jobs').fill('quarry road');
    await until(() => jobList(page).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await until(() => jobList(page).getByText('Annual boiler service').count()).toBe(0);
    await page.getByLabel('Search jobs').fill('');
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('done');
    await until(() => jobList(page).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await until(() => jobList(page).getByText('Annual boiler service').count()).toBe(0);
    await page.getByLabel('Assignee', { exact: true }).selectOption({ label: 'Unassigned' });
    await until(() => jobList(page).getByText('Transformer oil sampling').count()).toBe(0);
    await page.getByLabel('Assignee', { exact: true }).selectOption({ label: 'Alex Field' });
    await until(() => jobList(page).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await until(() => jobList(page).getByText('Annual boiler service').isVisible()).toBe(true);
    await until(() => jobList(page).getByText('Transformer oil sampling').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await until(() => jobList(page).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await screenshot(page, 'jobs');
    await expectAccessible(page, 'jobs');

    await nav(page, 'Sites').click();
    await until(() => page.getByText('Quarry Road Substation').isVisible()).toBe(true);
    await screenshot(page, 'sites');
    await expectAccessible(page, 'sites');
    await page.getByText('Quarry Road Substation').click();
    await until(() => page.getByRole('list', { name: 'Jobs at this site' }).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await screenshot(page, 'site-detail');
    await expectAccessible(page, 'site detail');
    await nav(page, 'Settings').click();
    await until(() => page.getByLabel('Your name').inputValue()).toBe('Alex Field');
    await screenshot(page, 'settings');
    await expectAccessible(page, 'settings');
    await nav(page, 'Sync').click();
    await until(() => page.getByRole('heading', { name: 'Sync' }).isVisible()).toBe(true);
    await screenshot(page, 'sync');
    await expectAccessible(page, 'sync');

    // Stop the host, start it again on the same data directory: everything is still there.
    await host.stop();
    host = await startHost(dataDir, port);
    await page.reload();
    await until(() => page.getByRole('dialog').count()).toBe(0);
    await nav(page, 'Jobs').click();
    await page.getByLabel('Search jobs').fill('Transformer');
    await until(() => jobList(page).getByText('Transformer oil sampling').isVisible()).toBe(true);
    await jobList(page).getByText('Transformer oil sampling').click();
    await until(() => page.getByRole('button', { name: 'Reopen job' }).isVisible()).toBe(true);
    await until(() => page.getByText(/Signed off by Alex Field/).isVisible()).toBe(true);
    const rcdAfter = page.getByRole('group', { name: 'Residual current device trips (ms)' });
    await until(() => rcdAfter.getByText('28.5 ms').isVisible()).toBe(true);
    expect(await rcdAfter.getByText('Within limit').isVisible()).toBe(true);
    await until(() => page.locator('.timeline').getByText('T2 oil darker than last year').isVisible()).toBe(true);
    expect(await page.getByText('Quarry Road Substation').first().isVisible()).toBe(true);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await host.stop();
  });

  it('keeps the DOM small with 100,000 jobs, pages in as it scrolls, and answers the keyboard', { timeout: 180_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const edits = { clock: new HybridClock('e2e-seed'), deviceId: 'e2e-seed', actor: () => 'Seeder', now: () => new Date() };
    await host.core.replica.db.transaction(async (tx) => {
      for (let i = 0; i < 100_000; i++) {
        await recordEdit(tx, edits, jobEntity, {
          entityId: uuidv7(),
          kind: 'create',
          values: { title: `Meter reading ${String(i).padStart(6, '0')}`, description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null },
        });
      }
    });
    expect((await invoke<JobPage>(host.core, 'jobs.list', { limit: 500 })).nextCursor).not.toBeNull();
    const page = await openPage(host.url);
    await page.getByLabel('Sort by').selectOption('title');
    await until(() => jobList(page).getByText('Meter reading 000000').isVisible()).toBe(true);
    expect(await jobList(page).locator('li').count()).toBeLessThan(60);

    // Scroll down page after page: rows load on demand and the DOM stays small.
    const scroller = page.locator('.virtual-scroller');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await jobList(page).getByText('Meter reading 000999').isVisible())) {
      await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(50);
    }
    await until(() => jobList(page).getByText('Meter reading 000999').isVisible()).toBe(true);
    expect(await jobList(page).locator('li').count()).toBeLessThan(60);

    // Search across all 100,000 still answers with the one match.
    await page.getByLabel('Search jobs').fill('reading 099998');
    await until(() => jobList(page).getByText('Meter reading 099998').isVisible()).toBe(true);
    expect(await jobList(page).locator('li').count()).toBe(1);
    await page.getByLabel('Search jobs').fill('');

    // Keyboard: "/" focuses search, "n" opens a new job, Ctrl+S saves (and validates).
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await until(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('job-search');
    await page.keyboard.press('Escape');
    await page.locator('h2').first().click();
    await page.keyboard.press('n');
    await until(() => page.getByLabel('Title', { exact: true }).isVisible()).toBe(true);
    await page.keyboard.press('Control+s');
    await until(() => page.getByText('Give the job a title').isVisible()).toBe(true);
    await page.getByLabel('Title', { exact: true }).fill('Made from the keyboard');
    await page.keyboard.press('Control+s');
    await until(() => page.getByRole('heading', { name: 'Made from the keyboard' }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Made from the keyboard' }).click();
    await page.keyboard.press('Escape');
    await until(() => page.getByLabel('Search jobs').isVisible()).toBe(true);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await host.stop();
  });
});
