/**
 * Search through the real job list in Chromium, against a real core over the
 * browser host: case folded in every script, several words in any order,
 * extra spaces ignored (the cases field testers reported finding nothing).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../shared/domain/sites.js';
import { invoke } from '../helpers/core.js';
import { pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

/** Polls generously: the machine is shared, and a busy moment must not fail a correct UI. */
const until = pollUntil(15_000);

const TITLES = ['Zähler tauschen', 'Pump vibration', 'Pump service', 'Vibration sensor check', 'Zaun reparieren'];

/** Which of TITLES the job list shows (in TITLES order). */
async function shown(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Jobs', exact: true });
  const texts = await list.getByRole('listitem').allTextContents();
  return TITLES.filter((title) => texts.some((text) => text.includes(title)));
}

describe('job search in the browser', () => {
  it('finds "ZÄHLER", "ørsted", "vibration check pump" and a term with extra spaces', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-search-'));
    const page = await (await browser().newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    try {
      await invoke(host.core, 'profile.set', { name: 'Sam' });
      const site = await invoke<Site>(host.core, 'sites.create', { name: 'Ørsted Vej 4', address: 'Aarhus' });
      await invoke(host.core, 'jobs.create', { title: 'Zähler tauschen' });
      await invoke(host.core, 'jobs.create', { title: 'Pump vibration', description: 'Check the bearings', siteId: site.id });
      await invoke(host.core, 'jobs.create', { title: 'Pump service' });
      await invoke(host.core, 'jobs.create', { title: 'Vibration sensor check' });
      await invoke(host.core, 'jobs.create', { title: 'Zaun reparieren' });
      await page.goto(host.url);
      const search = page.getByLabel('Search jobs');
      await until(() => shown(page)).toHaveLength(TITLES.length);

      const expectFound = async (term: string, titles: string[]) => {
        await search.fill(term);
        await until(() => shown(page)).toEqual(titles);
      };
      await expectFound('ZÄHLER', ['Zähler tauschen']);
      await expectFound('ørsted', ['Pump vibration']);
      await expectFound('vibration check pump', ['Pump vibration']);
      await expectFound('   PUMP     vibration   ', ['Pump vibration']);
      await expectFound('vibration check', ['Pump vibration', 'Vibration sensor check']);
      await expectFound('zähler ørsted', []);
      await expect(page.getByText(/No jobs match/i).count()).resolves.toBeGreaterThan(0);
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
