/**
 * Reports and exports in the real renderer (Chromium) against the browser host:
 * "Export PDF" on a job and "Export CSV" / "Checklist results…" on the list
 * arrive as downloads from the host's one-time /downloads/ URLs; bad ranges and
 * empty results answer in plain words. The files are read back with poppler and
 * csv-parse.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { JobPage } from '../../shared/domain/jobs.js';
import { expectAccessible, pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { invoke } from '../helpers/core.js';
import { pdfText } from '../helpers/pdf-tools.js';
import { ITEM_LABELS, reportWork } from '../helpers/report-work.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

const until = pollUntil(15_000);

async function saved(download: Download, folder: string): Promise<string> {
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

describe('reports and exports in the browser', () => {
  it('downloads a job report, the filtered list and the checklist results', async () => {
    const host = await startHost(tempDir('fieldbook-e2e-reports-'));
    const work = await reportWork(host.core);
    await invoke(host.core, 'jobs.create', { title: '=Formula-looking job, "quoted"' });
    await invoke(host.core, 'jobs.create', { title: 'Unrelated valve job' });
    const folder = tempDir('fieldbook-e2e-downloads-');
    const page: Page = await (await browser().newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })).newPage();
    try {
      await page.goto(host.url);
      await page.getByText(work.job.title).click();
      await until(() => page.getByRole('heading', { name: work.job.title }).isVisible()).toBe(true);
      await expectAccessible(page, 'job detail with Export PDF');

      const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
      expect(pdfDownload.suggestedFilename()).toMatch(/^Quarterly pump inspection — Ωmega line - report \d{4}-\d{2}-\d{2}\.pdf$/);
      const toast = async () => (await page.locator('.toast-region').textContent()) ?? '';
      await until(toast).toMatch(/Saved “Quarterly pump inspection .*\.pdf” \(\d+ KB\)\./);
      const pdf = await saved(pdfDownload, folder);
      const text = pdfText(pdf);
      expect(text).toContain(work.job.title);
      for (const label of ITEM_LABELS) expect(text).toContain(label);
      expect(text).toContain(`Signed off by ${work.signer}`);
      // The host hands each file out once and keeps nothing behind.
      const downloadsDir = host.core.downloads!.dir;
      await until(() => fs.readdirSync(downloadsDir)).toEqual([]);
      expect((await fetch(`${host.url}${pdfDownload.url().slice(host.url.length)}`)).status).toBe(404);

      // The list as filtered: a search the CSV must follow.
      await page.locator('button.back').click();
      await page.getByLabel('Search jobs').fill('job');
      await until(async () => (await page.locator('.job-row').count()) === 2).toBe(true);
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      await until(toast).toMatch(/Saved “Fieldbook jobs .*\.csv” \(.*, 2 rows\)\./);
      const csv = fs.readFileSync(await saved(csvDownload, folder));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
      const listed = await invoke<JobPage>(host.core, 'jobs.list', { search: 'job' });
      expect(rows.map((r) => r.job_id)).toEqual(listed.items.map((j) => j.id));
      expect(rows.map((r) => r.title)).toContain("'=Formula-looking job, \"quoted\"");

      // Checklist results: an inverted range is refused in plain words, then a good one downloads.
      await page.getByRole('button', { name: 'Checklist results…' }).click();
      const range = page.getByRole('form', { name: 'Export checklist results' });
      await range.getByLabel('From').fill('2026-02-01');
      await range.getByLabel('To').fill('2026-01-01');
      await range.getByRole('button', { name: 'Export results' }).click();
      await until(toast).toContain('“To” is before “From”, so the range holds no day.');
      const today = new Date().toISOString().slice(0, 10);
      await range.getByLabel('From').fill(today);
      await range.getByLabel('To').fill(today);
      await expectAccessible(page, 'job list with the checklist results range');
      const [resultsDownload] = await Promise.all([page.waitForEvent('download'), range.getByRole('button', { name: 'Export results' }).click()]);
      const results = parse(fs.readFileSync(await saved(resultsDownload, folder)), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(results.map((r) => r.item)).toEqual(ITEM_LABELS);
      expect(results.map((r) => r.measurement).filter(Boolean)).toEqual(['4.75', '-12.5', '3']);
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
