/**
 * Point in time in real Chromium against the browser host: a job and a site
 * shown as they were at a moment (picked in the datetime field, or from a
 * history entry), clearly read-only, restored with confirmation, and the
 * Activity screen with its filters — by keyboard where a worker would.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { Site } from '../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import { toLocalInput } from '../../renderer/src/components/as-of/moment.js';
import { expectAccessible, openAppPage, pollUntil, screenshot, startHost, useChromium } from '../helpers/browser.js';
import { invoke } from '../helpers/core.js';
import { jobRow } from '../helpers/edits.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

/** Polls generously: the machine is shared, and a busy moment must not fail a correct UI. */
const until = pollUntil(20_000);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const pause = (ms = 1100) => new Promise((r) => setTimeout(r, ms));

describe('point in time in Chromium', () => {
  it('shows a job and a site as they were, read-only, restores them with confirmation, and lists activity with filters', async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    const { core } = host;
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: '12 Quay Street' });
    const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Boiler safety', items: ['Flue clear', 'Pressure'] });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler service', siteId: site.id });
    const inspection = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
    await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[0]!.id, result: 'pass' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    // The datetime field has whole seconds: leave a second on either side of the moment.
    await pause();
    const moment = toLocalInput(new Date().toISOString());
    await pause();
    await invoke(core, 'jobs.update', { id: job.id, title: 'Boiler replaced' });
    await invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: inspection.items[0]!.id, result: 'fail' });
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    await invoke(core, 'sites.update', { id: site.id, name: 'Harbour Point' });

    const { context, page, errors } = await openAppPage(browser(), host.url);
    try {
      await page.getByRole('list', { name: 'Jobs', exact: true }).getByText('Boiler replaced').click();
      await page.getByRole('heading', { name: 'Boiler replaced' }).waitFor();

      // Pick the moment by keyboard in the datetime field.
      const field = page.getByLabel('Show as it was at');
      await field.fill(moment);
      await page.getByRole('button', { name: 'Show', exact: true }).focus();
      await page.keyboard.press('Enter');
      const banner = page.getByRole('note', { name: 'Read-only: the job as it was' });
      await banner.waitFor();
      await until(async () => (await banner.textContent()) ?? '').toMatch(/Read-only:.*as it was at .*edits since then/);
      const past = page.getByRole('region', { name: 'Job as it was' });
      await expect(past.getByRole('heading', { name: 'Boiler service' }).count()).resolves.toBe(1);
      // The screen's heading names the job as it was then (renamed since), without today's status badge.
      await until(() => page.locator('#job-heading').textContent()).toBe('Boiler service');
      await expect(page.locator('.detail-header .badge.status-done').count()).resolves.toBe(0);
      await expect(past.locator('.badge.status-in_progress').count()).resolves.toBe(1);
      const answers = past.getByRole('list', { name: 'Checklist answers then' });
      await until(async () => (await answers.textContent()) ?? '').toContain('Flue clearPass');
      // Read-only: no edit or delete, no checklist inputs, no note form.
      await expect(page.getByRole('button', { name: 'Edit job' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Delete', exact: true }).count()).resolves.toBe(0);
      await expect(past.getByRole('radio').count()).resolves.toBe(0);
      await expect(page.getByRole('form', { name: 'Add a note' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'job as it was');
      await screenshot(page, 'job-as-of');

      // Restore, with confirmation (Escape cancels first, changing nothing).
      await page.getByRole('button', { name: 'Restore to this moment' }).click();
      const dialog = page.getByRole('alertdialog');
      await until(() => dialog.textContent()).toMatch(/Title, status.*Checklist item “Flue clear”: answer/s);
      // Focus stays inside while it is open: Tab and Shift+Tab go round its two buttons.
      const focusedButton = () =>
        page.evaluate<string | null | undefined>(`document.activeElement?.closest('[role="alertdialog"]') ? document.activeElement.textContent : 'outside'`);
      await until(focusedButton).toBe('Restore');
      await page.keyboard.press('Tab');
      await until(focusedButton).toBe('Cancel');
      await page.keyboard.press('Tab');
      await until(focusedButton).toBe('Restore');
      await page.keyboard.press('Shift+Tab');
      await until(focusedButton).toBe('Cancel');
      await page.keyboard.press('Shift+Tab');
      await until(focusedButton).toBe('Restore');
      await page.keyboard.press('Escape');
      await until(() => dialog.count()).toBe(0);
      // Closed, focus is back on the button that opened it.
      await until(() => page.evaluate<string | null | undefined>('document.activeElement?.textContent')).toBe('Restore to this moment');
      expect((await jobRow(core, job.id))?.title).toBe('Boiler replaced');
      await page.getByRole('button', { name: 'Restore to this moment' }).click();
      await expectAccessible(page, 'restore confirmation');
      // The confirm button has focus: Enter restores.
      await page.keyboard.press('Enter');
      await until(async () => (await jobRow(core, job.id))?.title).toBe('Boiler service');
      expect((await jobRow(core, job.id))?.status).toBe('in_progress');
      await page.getByRole('heading', { name: 'Boiler service', level: 2 }).waitFor();
      await until(() => banner.count()).toBe(0);
      await until(async () => (await page.locator('.timeline').textContent()) ?? '').toContain('Reopened: Done → In progress');
      const checklist = await invoke<Inspection>(core, 'inspections.forJob', { jobId: job.id });
      expect(checklist.items[0]!.result).toBe('pass');

      // A history entry opens the moment right after its edit.
      const history = page.getByRole('region', { name: 'History' });
      const moments = history.getByRole('button', { name: /^Show as it was then, after this edit by Alex Field/ });
      // The restore's own entry reloads the panel: click only once the list holds it (5 edits of the job).
      await until(() => moments.count()).toBe(5);
      await moments.last().click();
      await banner.waitFor();
      // Polls the heading without blocking on it, so an error shown instead is what the failure reports.
      const pastTitle = async () =>
        (await past.getByRole('heading').count()) > 0
          ? await past.getByRole('heading').first().textContent()
          : `no heading; alerts: ${(await page.getByRole('alert').allTextContents()).join(' | ')}`;
      await until(pastTitle).toBe('Boiler service');
      await until(() => past.locator('.badge.status-open').count()).toBe(1);
      await page.getByRole('button', { name: 'Back to now' }).click();
      await until(() => banner.count()).toBe(0);

      // The site, as it was, and restored.
      await nav(page, 'Sites').click();
      await page.getByText('Harbour Point').first().click();
      await page.getByRole('heading', { name: 'Harbour Point' }).waitFor();
      await page.getByLabel('Show as it was at').fill(moment);
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      const pastSite = page.getByRole('region', { name: 'Site as it was' });
      await pastSite.getByRole('heading', { name: 'Harbour View' }).waitFor();
      await until(() => page.locator('#site-heading').textContent()).toBe('Harbour View');
      await page.getByRole('button', { name: 'Restore to this moment' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
      await until(async () => (await invoke<Site>(core, 'sites.get', { id: site.id })).name).toBe('Harbour View');

      // Activity: reachable from the main navigation, readable, filterable.
      await nav(page, 'Activity').click();
      const changes = page.getByRole('list', { name: 'Changes' });
      await changes.waitFor();
      await until(async () => (await changes.locator('li.activity-entry').first().textContent()) ?? '').toMatch(/Alex Field edited site “Harbour View”/);
      await expect(changes.getByText(/edited job “Boiler service”/).count()).resolves.toBeGreaterThan(0);
      await expectAccessible(page, 'activity');
      await screenshot(page, 'activity');
      const sites = page.getByRole('checkbox', { name: 'Sites' });
      await sites.focus();
      await page.keyboard.press('Space');
      await until(async () => {
        const texts = await changes.locator('li.activity-entry').allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes('site “Harbour View”'));
      }).toBe(true);
      const entries = () => changes.locator('li.activity-entry').count();
      // Created, renamed, restored.
      await until(entries).toBe(3);
      await page.getByLabel('Since').fill(moment);
      await until(entries).toBe(2);
      await page.getByLabel('Person').selectOption({ label: 'Alex Field (you)' });
      await until(entries).toBe(2);
      await page.getByLabel('Person').selectOption({ label: 'Everyone' });
      await sites.focus();
      await page.keyboard.press('Space');
      await until(async () => (await changes.textContent()) ?? '').toContain('edited job “Boiler service”');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  }, 180_000);
});
