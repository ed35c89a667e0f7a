/**
 * The job report end to end: real core and replica, the real handler, the PDF
 * read back by poppler's pdftotext / pdfinfo / pdfimages, and page 1 rendered by
 * pdftoppm and compared loosely with the reference image the README shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ReportImage, ReportMedia } from '../../../../../electron/core/features/reports/report-media.js';
import type { ExportResult } from '../../../../../shared/domain/reports.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { pdfImageCount, pdfPageCount, pdfText, renderPage } from '../../../../helpers/pdf-tools.js';
import { DialogStandIn, ITEM_LABELS, reportWork } from '../../../../helpers/report-work.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const REFERENCE = path.resolve(import.meta.dirname, '../../../../../docs/screenshots/report-page-1.png');
const REFERENCE_DPI = 60;

async function photo(caption: string, hue: number, note?: string): Promise<ReportImage> {
  const data = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: hue, g: 255 - hue, b: 120 } } })
    .jpeg()
    .toBuffer();
  return { data, caption, ...(note ? { note } : {}) };
}

/** Fraction of pixels darker than mid-grey: text and lines on a white page. */
async function inkShare(png: string): Promise<{ width: number; height: number; ink: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const value of data) if (value < 128) dark += 1;
  return { width: info.width, height: info.height, ink: dark / data.length };
}

describe('reports.jobPdf', () => {
  it('writes a report whose text has the job, every item, every measurement, the site and the signer', async () => {
    const folder = tempDir('fieldbook-report-');
    const dialog = new DialogStandIn(folder);
    const core = await startTestCore({ saveTarget: dialog });
    const work = await reportWork(core);
    await invoke(core, 'notes.add', { jobId: work.job.id, body: 'Client asked for the report by e-mail.' });

    const result = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: work.job.id });
    expect(result.status).toBe('saved');
    if (result.status !== 'saved') return;
    expect(dialog.requests).toEqual([{ suggestedName: result.fileName, kind: 'pdf' }]);
    expect(result.fileName).toMatch(/^Quarterly pump inspection — Ωmega line - report \d{4}-\d{2}-\d{2}\.pdf$/);
    expect(fs.readdirSync(folder)).toEqual([result.fileName]);
    const file = path.join(folder, result.fileName);
    expect(fs.statSync(file).size).toBe(result.bytes);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const text = pdfText(file);
    expect(text).toContain('Quarterly pump inspection — Ωmega line');
    for (const label of ITEM_LABELS) expect(text).toContain(label);
    for (const measurement of work.measurements) expect(text).toContain(`Measurement: ${measurement}`);
    expect(text).toContain(`Signed off by ${work.signer}`);
    expect(text).toContain(work.siteName);
    expect(text).toContain('Hafenstraße 12, 20457 Hamburg');
    expect(text).toContain('53.543800, 9.966300');
    expect(text).toContain('Jörg Ærø, +49 40 1234567');
    const workspace = await invoke<{ name: string }>(core, 'workspace.info');
    expect(text).toContain(`${workspace.name} INSPECTION REPORT`);
    expect(text).toMatch(/Status Done/);
    expect(text).toMatch(/Priority High/);
    expect(text).toMatch(/Due 2026-12-15/);
    expect(text).toMatch(/Completed \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // Answers read as words, not only as a colour: 3 pass, 1 fail, 1 N/A.
    expect(text.match(/✓ PASS/g)).toHaveLength(3);
    expect(text.match(/✗ FAIL/g)).toHaveLength(1);
    expect(text.match(/– N\/A/g)).toHaveLength(1);
    expect(text).toContain('5 items: 3 pass, 1 fail, 1 N/A, 0 not answered.');
    expect(text).toContain('Comment: Above the 4 bar limit');
    expect(text).toContain('Arrived on site, gate code from Jörg.');
    expect(text).toContain('Client asked for the report by e-mail.');
    expect(text).toContain('Status changed: In progress → Done');
    const pages = pdfPageCount(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.match(new RegExp(`Job ${work.job.id}`, 'g'))).toHaveLength(pages);
    expect(text).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(pdfImageCount(file)).toBe(0);

    // Page 1 against the stored reference: same size, ink of the same order (times and ids differ).
    const png = renderPage(file, 1, REFERENCE_DPI, tempDir('fieldbook-page-'));
    if (process.env.FIELDBOOK_UPDATE_REPORT_REFERENCE === '1') fs.copyFileSync(png, REFERENCE);
    const [page, reference] = await Promise.all([inkShare(png), inkShare(REFERENCE)]);
    expect(page.width).toBe(reference.width);
    expect(page.height).toBe(reference.height);
    expect(page.ink).toBeGreaterThan(0.01);
    expect(page.ink).toBeGreaterThan(reference.ink * 0.7);
    expect(page.ink).toBeLessThan(reference.ink * 1.3);
  });

  it('shows the photos and the signature the media provider gives, with captions and notes', async () => {
    const folder = tempDir('fieldbook-report-');
    let work: Awaited<ReturnType<typeof reportWork>> | null = null;
    const media: ReportMedia = {
      jobPhotos: async () => [await photo('Front of the pump house', 30), await photo('Meter cabinet', 200, 'Thumbnail: the full photo is not on this laptop yet.')],
      itemPhotos: async (inspectionId) => {
        expect(inspectionId).toBe(work?.inspection.id);
        const items = work!.inspection.items;
        return new Map([
          [items[1]!.id, [await photo('Outlet gauge at 4.75 bar', 90)]],
          [items[3]!.id, [await photo('New valve tag', 150), { data: Buffer.from('not an image'), caption: 'Broken upload' }]],
        ]);
      },
      signature: async () => ({ data: await sharp({ create: { width: 300, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer(), caption: 'Signature' }),
    };
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder), reportMedia: media });
    work = await reportWork(core);
    const result = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: work.job.id });
    if (result.status !== 'saved') throw new Error('not saved');
    const file = path.join(folder, result.fileName);
    const text = pdfText(file);
    for (const caption of ['Front of the pump house', 'Outlet gauge at 4.75 bar', 'New valve tag', 'Signature']) expect(text).toContain(caption);
    expect(text).toContain('Meter cabinet — Thumbnail: the full photo is not on this laptop yet.');
    expect(text).toContain('This image could not be shown (it is not a JPEG or PNG file).');
    expect(text).not.toContain('No signature image is attached.');
    // 4 good photos + the signature; the broken one is a sentence.
    expect(pdfImageCount(file)).toBe(5);
  });

  it('reports a job without site, checklist or notes plainly', async () => {
    const folder = tempDir('fieldbook-report-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder) });
    const job = await invoke<{ id: string }>(core, 'jobs.create', { title: 'Bare job' });
    const result = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: job.id });
    if (result.status !== 'saved') throw new Error('not saved');
    const text = pdfText(path.join(folder, result.fileName));
    expect(text).toContain('No site is set for this job.');
    expect(text).toContain('No checklist was started for this job.');
    expect(text).toContain('Nothing to sign off: no checklist.');
    expect(text).toContain('Completed Not completed');
    expect(text).toContain('Page 1 of 1');
  });
});
