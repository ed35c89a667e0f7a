/**
 * The Activity screen's archived edits in real Chromium against the browser
 * host (the real core): after compaction folds a workspace's older edits into
 * the archive (a real s3rver, the workspace's object store), the screen says
 * so, and "Load archived edits" lists them under "Archived edits", newest
 * first, with who made them and what they set, paging with "Show older
 * archived edits"; the feed itself lists only what was not folded.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../electron/core/blobs/object-store.js';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../electron/core/changes/history-archive.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { Site } from '../../shared/domain/sites.js';
import { encodeHlc } from '../../shared/hlc.js';
import { expectAccessible, openAppPage, pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { invoke } from '../helpers/core.js';
import { startObjectStore } from '../helpers/object-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

/** Polls generously: the machine is shared, and a busy moment must not fail a correct UI. */
const until = pollUntil(30_000, 100);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const archivedSection = (page: Page) => page.getByRole('region', { name: 'Archived edits' });
const archivedList = (page: Page) => archivedSection(page).getByRole('list', { name: 'Edits from the archive' });
/** The list's entries (each entry holds its own list of fields). */
const archivedEntries = (page: Page) => archivedList(page).locator(':scope > li');
/** Archived entries are paged 50 at a time by the screen: more folded edits than that make a second page. */
const JOBS = 27;

describe('archived edits on the Activity screen in Chromium', () => {
  it('says older edits are archived, loads them in pages, and shows who set what', { timeout: 180_000 }, async () => {
    const store = await startObjectStore();
    const host = await startHost(tempDir('fieldbook-e2e-'), undefined, { photos: { defaultObjectStore: store.config } });
    const { core } = host;
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: '12 Quay Street' });
    for (let i = 0; i < JOBS; i++) {
      const job = await invoke<Job>(core, 'jobs.create', { title: `Boiler ${i}`, siteId: site.id });
      await invoke(core, 'jobs.update', { id: job.id, title: `Boiler ${i}, checked` });
    }
    // Everything so far is folded into the archive, as the compaction runner does after the retention window.
    const archive = archiveInObjectStore(openObjectStore(store.config));
    const folded = await compactHistory(core.replica.db, { cutoffStamp: encodeHlc({ wallMs: Date.now() + 1_000, counter: 0, deviceId: '' }), archive, minInputs: 1 });
    expect(folded.folds).toBeGreaterThan(JOBS);
    await new Promise((r) => setTimeout(r, 1_100));
    await invoke<Job>(core, 'jobs.create', { title: 'Newest job' });

    const { context, page, errors } = await openAppPage(browser(), host.url);
    try {
      await nav(page, 'Activity').click();
      const notice = page.locator('.activity-archived-notice');
      await until(async () => (await notice.count()) > 0 && ((await notice.textContent()) ?? '')).toMatch(
        new RegExp(`Edits up to \\d{4}-\\d\\d-\\d\\d are archived.*${JOBS + 1} records' older history is in the workspace archive.*Load the archived edits`),
      );
      // The feed lists the edit made after compaction (and what compaction left, the newest edit).
      const feed = page.getByRole('list', { name: 'Changes' });
      await until(async () => ((await feed.count()) > 0 ? await feed.locator(':scope > li').filter({ hasText: 'Newest job' }).count() : 0)).toBeGreaterThan(0);
      await expect(feed.locator(':scope > li').count()).resolves.toBeLessThan(3);

      // Load: the click is retried while the section shows the button, so a re-render between polls cannot lose it.
      const load = (name: string) =>
        until(async () => {
          const button = archivedSection(page).getByRole('button', { name, exact: true });
          // A short click timeout: the button may go between the check and the click (the page arrived), and the next poll looks again.
          if ((await button.count()) > 0 && (await button.isEnabled())) await button.click({ timeout: 2_000 }).catch(() => undefined);
          return archivedEntries(page).count();
        });
      await load('Load archived edits').toBeGreaterThanOrEqual(50);
      const firstPage = await archivedEntries(page).count();
      expect(firstPage).toBe(50);
      // Newest first: the last job's rename heads the list, by the worker who made it.
      const head = archivedEntries(page).first();
      await until(async () => (await head.textContent()) ?? '').toMatch(new RegExp(`Alex Field.*Boiler ${JOBS - 1}, checked`, 's'));

      // Every folded edit, once.
      await load('Show older archived edits').toBe(folded.folded);
      const texts = await archivedEntries(page).allTextContents();
      // Each job's create and rename once each, with the value it set, in the archive or (not folded) the feed.
      const fields = [
        ...(await archivedEntries(page).locator('.activity-fields > li').allTextContents()),
        ...(await feed.locator(':scope > li .activity-fields > li').allTextContents()),
      ];
      for (let i = 0; i < JOBS; i++) {
        expect(fields.filter((t) => t.endsWith(`: Boiler ${i}, checked`)), `rename of job ${i}`).toHaveLength(1);
        expect(fields.filter((t) => t.endsWith(`: Boiler ${i}`)), `create of job ${i}`).toHaveLength(1);
      }
      expect(texts.filter((t) => t.includes('Harbour View'))).not.toHaveLength(0);
      expect(texts.every((t) => t.includes('Alex Field'))).toBe(true);
      // Every archived edit is listed: no button to page further.
      await until(() => archivedSection(page).getByRole('button', { name: /archived edits$/ }).count()).toBe(0);
      await expectAccessible(page, 'activity with archived edits');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  });
});
