/**
 * In the real renderer (Chromium) over a real core: a deleted photo comes back
 * by Undo and later from the job's deleted photos; a failed item that needs a
 * photo says so and blocks the sign-off until it has one.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment, CaptureSettings } from '../../shared/domain/attachments.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import { invoke } from '../helpers/core.js';
import { expectAccessible, pollUntil, SCREENSHOTS, startHost, useChromium } from '../helpers/browser.js';
import { makePhoto } from '../helpers/photos.js';
import { startObjectStore } from '../helpers/object-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

const until = pollUntil(30_000, 100);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

describe('photo rules in the browser', () => {
  it('undoes a photo delete, restores it from the deleted photos, and blocks the sign-off of a failed item without its photo', { timeout: 240_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'), undefined, { photos: { defaultObjectStore: null } });
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const job = await invoke<Job>(host.core, 'jobs.create', { title: 'Pump room' });
    const template = await invoke<ChecklistTemplate>(host.core, 'templates.create', { name: 'Pumps', items: ['Seals dry', 'Guard fitted'] });
    const live = async () => (await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id })).length;
    const page: Page = await (await browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(host.url);

      // Settings: the template's "Guard fitted" needs a photo when it fails.
      await nav(page, 'Settings');
      await page.getByRole('button', { name: 'Edit Pumps' }).click();
      const editor = page.getByRole('form', { name: 'Edit Pumps' });
      await editor.getByRole('checkbox', { name: 'Photo required when “Guard fitted” fails' }).check();
      await editor.getByRole('button', { name: 'Save template' }).click();
      await until(async () => (await invoke<ChecklistTemplate[]>(host.core, 'templates.list'))[0]!.photoOnFail).toEqual(['Guard fitted']);
      await invoke<Inspection>(host.core, 'inspections.start', { jobId: job.id, templateId: template.id });

      await nav(page, 'Jobs');
      await page.getByRole('list', { name: 'Jobs', exact: true }).getByText('Pump room').click();
      await until(() => page.getByRole('heading', { name: 'Pump room' }).isVisible()).toBe(true);

      // Delete, then Undo in the toast.
      await page.getByLabel('Photo file').setInputFiles({ name: 'pump.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(640, 480) });
      await until(() => page.getByRole('img', { name: 'Photo 1 of Pump room' }).isVisible()).toBe(true);
      const deletePhoto = async () => {
        await page.getByRole('button', { name: 'Photo 1 of Pump room' }).click();
        await page.getByRole('dialog', { name: 'Photo 1 of 1' }).getByRole('button', { name: 'Delete photo' }).click();
        await until(() => page.getByRole('status').getByText('Photo 1 of Pump room deleted.').isVisible()).toBe(true);
        await until(live).toBe(0);
      };
      await deletePhoto();
      await page.getByRole('button', { name: 'Undo' }).click();
      await until(live).toBe(1);
      await until(() => page.getByRole('img', { name: 'Photo 1 of Pump room' }).isVisible()).toBe(true);

      // Deleted again, the toast gone: found and restored under the job's deleted photos.
      await deletePhoto();
      await page.getByRole('button', { name: 'Dismiss message' }).click();
      await page.getByText('Deleted photos (1)').click();
      await until(() => page.getByRole('list', { name: 'Deleted photos of Pump room' }).getByRole('img', { name: 'Deleted photo 1 of Pump room' }).isVisible()).toBe(true);
      await expectAccessible(page, 'job with deleted photos');
      await page.getByRole('button', { name: 'Restore Deleted photo 1 of Pump room' }).click();
      await until(live).toBe(1);
      await until(() => page.getByText('Deleted photos (1)').count()).toBe(0);
      await until(() => page.getByRole('img', { name: 'Photo 1 of Pump room' }).isVisible()).toBe(true);

      // A failed "Guard fitted" without a photo: said on the item, and the sign-off refused naming it.
      const guard = page.getByRole('group', { name: 'Guard fitted' });
      // Controlled radios: checked once main has saved the answer, so click and wait for it.
      await page.getByRole('group', { name: 'Seals dry' }).getByLabel('Pass').click();
      await until(() => page.getByText('1 of 2 answered').isVisible()).toBe(true);
      await guard.getByLabel('Fail').click();
      await until(() => page.getByText('2 of 2 answered').isVisible()).toBe(true);
      await until(() => page.getByText('Photo required: this item failed, attach a photo of it.').isVisible()).toBe(true);
      await expectAccessible(page, 'failed item that needs a photo');
      await page.getByRole('button', { name: 'Sign off checklist' }).click();
      await until(() => page.getByRole('alert').filter({ hasText: '“Guard fitted” failed and needs a photo' }).isVisible()).toBe(true);
      expect((await invoke<Inspection>(host.core, 'inspections.forJob', { jobId: job.id })).signedOffAt).toBeNull();

      await page.getByLabel('Attach a picture to item Guard fitted').setInputFiles({ name: 'guard.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(320, 240, { seed: 4 }) });
      await until(() => page.getByRole('list', { name: 'Photos of item Guard fitted' }).getByRole('img').count()).toBe(1);
      await until(() => page.getByText('Photo required: this item failed').count()).toBe(0);
      await page.getByRole('button', { name: 'Sign off checklist' }).click();
      await until(async () => (await invoke<Inspection>(host.core, 'inspections.forJob', { jobId: job.id })).signedOffAt).not.toBeNull();
      await until(() => page.getByRole('button', { name: 'Reopen checklist' }).isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it('keeps the location when asked (remembered), shows it and the time taken in the viewer, and tests the photo storage', { timeout: 180_000 }, async () => {
    const store = await startObjectStore();
    const host = await startHost(tempDir('fieldbook-e2e-'), undefined, { photos: { defaultObjectStore: store.config } });
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const job = await invoke<Job>(host.core, 'jobs.create', { title: 'Mast' });
    const camera = await sharp(await makePhoto(400, 300))
      .withExif({
        IFD2: { DateTimeOriginal: '2025:06:14 09:30:15', OffsetTimeOriginal: '+00:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2646/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3972/100' },
      })
      .jpeg()
      .toBuffer();
    const page: Page = await (await browser().newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage();
    try {
      await page.goto(host.url);
      await page.getByRole('list', { name: 'Jobs', exact: true }).getByText('Mast').click();
      const keep = page.getByRole('checkbox', { name: 'Keep location' });
      await until(() => keep.isEnabled()).toBe(true);
      expect(await keep.isChecked()).toBe(false);
      await keep.click();
      await until(async () => (await invoke<CaptureSettings>(host.core, 'attachments.captureSettings')).keepLocation).toBe(true);
      await page.getByLabel('Photo file').setInputFiles({ name: 'mast.jpg', mimeType: 'image/jpeg', buffer: camera });
      await until(() => page.getByRole('img', { name: 'Photo 1 of Mast' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Photo 1 of Mast' }).click();
      const viewer = page.getByRole('dialog', { name: 'Photo 1 of 1' });
      await until(() => viewer.getByText('Location 51.50735° N, 0.12770° W').isVisible()).toBe(true);
      expect(await viewer.getByText(/^Taken /).textContent()).toContain('Taken');
      const [photo] = await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id });
      expect(photo).toMatchObject({ takenAt: '2025-06-14T09:30:15.000Z' });
      await viewer.getByRole('button', { name: 'Close' }).click();

      // Remembered: a reload shows it still on.
      await page.reload();
      await page.getByRole('list', { name: 'Jobs', exact: true }).getByText('Mast').click();
      await until(() => page.getByRole('checkbox', { name: 'Keep location' }).isChecked()).toBe(true);

      // Settings → Photo storage → Test photo storage: the local store works; a wrong bucket is named.
      await nav(page, 'Settings');
      const section = page.getByRole('region', { name: 'Photo storage' });
      await section.getByRole('button', { name: 'Test photo storage' }).click();
      await until(() => section.getByRole('status').filter({ hasText: 'Photo storage works' }).isVisible()).toBe(true);
      await section.getByLabel('Endpoint').fill(store.config.endpoint!);
      await section.getByLabel('Bucket').fill('no-such-bucket');
      await section.getByLabel('Access key').fill('S3RVER');
      await section.getByLabel('Secret').fill('S3RVER');
      await section.getByRole('button', { name: 'Test photo storage' }).click();
      await until(() => section.getByRole('alert').filter({ hasText: 'no bucket named no-such-bucket' }).isVisible()).toBe(true);
      await expectAccessible(page, 'photo storage test result');
      // Stacked like Connection: each input sits under its label, left edges aligned.
      const label = (await section.locator('label', { hasText: 'Endpoint' }).boundingBox())!;
      const input = (await section.getByLabel('Endpoint').boundingBox())!;
      expect(input.y - label.y).toBeGreaterThanOrEqual(10);
      expect(Math.abs(input.x - label.x)).toBeLessThan(2);
      await section.screenshot({ path: path.join(SCREENSHOTS, 'settings-photo-storage.png') });
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
