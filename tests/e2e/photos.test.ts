/** Photos and the signature in the real renderer (Chromium), backed by a real core and a real local object store. */
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Attachment, UploadEntry } from '../../shared/domain/attachments.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import { invoke } from '../helpers/core.js';
import { expectAccessible, pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { startObjectStore } from '../helpers/object-store.js';
import { base64, makePhoto } from '../helpers/photos.js';
import { CHROMIUM_PATH } from '../helpers/chromium-path.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

const until = pollUntil(30_000, 100);
const jobList = (page: Page) => page.getByRole('list', { name: 'Jobs', exact: true });

describe('photos in the browser', () => {
  it('adds photos by file picker and by drop, shows thumbnails, opens the original, refuses a non-photo, and signs off with a drawn signature', { timeout: 180_000 }, async () => {
    const store = await startObjectStore();
    const host = await startHost(tempDir('fieldbook-e2e-'), undefined, { photos: { defaultObjectStore: store.config } });
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const job = await invoke<Job>(host.core, 'jobs.create', { title: 'Pump room' });
    const template = await invoke<ChecklistTemplate>(host.core, 'templates.create', { name: 'Pumps', items: ['Seals dry'] });
    await invoke<Inspection>(host.core, 'inspections.start', { jobId: job.id, templateId: template.id });
    const page: Page = await (await browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // "Failed to load resource" is the favicon the app does not ship; failed requests are checked below instead.
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(new URL(r.url()).pathname));
    try {
      await page.goto(host.url);
      await jobList(page).getByText('Pump room').click();
      await until(() => page.getByRole('heading', { name: 'Pump room' }).isVisible()).toBe(true);

      // File picker: the "Add photo" button's input.
      expect(await page.getByRole('button', { name: 'Add photo' }).isVisible()).toBe(true);
      await page.getByLabel('Photo file').setInputFiles({ name: 'pump.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(1600, 1200) });
      const first = page.getByRole('img', { name: 'Photo 1 of Pump room' });
      await until(() => first.isVisible()).toBe(true);
      // The thumbnail really decoded under the page's CSP (a data: image from the replica).
      expect(await first.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

      // Drag and drop onto the job's photos.
      const dropped = base64(await makePhoto(800, 600, { seed: 3 }));
      // A string expression: this file is compiled without DOM types.
      const transfer = await page.evaluateHandle(`(() => {
        const bytes = Uint8Array.from(atob('${dropped}'), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'drop.jpg', { type: 'image/jpeg' }));
        return data;
      })()`);
      await page.locator('.photo-strip').first().dispatchEvent('drop', { dataTransfer: transfer });
      await until(() => page.getByRole('img', { name: 'Photo 2 of Pump room' }).isVisible()).toBe(true);

      // Not a photo: refused in plain words, nothing added.
      await page.getByLabel('Photo file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await until(() => page.getByRole('alert').filter({ hasText: 'not a photo' }).isVisible()).toBe(true);
      expect(await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id })).toHaveLength(2);

      // The viewer opens the original, pages to the next one, and saves a caption.
      await page.getByRole('button', { name: 'Photo 1 of Pump room' }).click();
      const viewer = page.getByRole('dialog', { name: 'Photo 1 of 2' });
      await until(() => viewer.locator('img.original').count()).toBe(1);
      await viewer.getByLabel('Caption').fill('Nameplate');
      await viewer.getByRole('button', { name: 'Save caption' }).click();
      await until(async () => (await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id }))[0]!.caption).toBe('Nameplate');
      await viewer.getByRole('button', { name: 'Next photo' }).click();
      await until(() => page.getByRole('dialog', { name: 'Photo 2 of 2' }).isVisible()).toBe(true);
      await expectAccessible(page, 'photo viewer');
      await page.getByRole('button', { name: 'Close' }).click();
      await until(() => page.getByRole('img', { name: 'Nameplate' }).isVisible()).toBe(true);

      // Both originals reach the object store in the background.
      await until(async () => (await invoke<UploadEntry[]>(host.core, 'attachments.uploads')).filter((e) => e.state === 'uploaded').length).toBe(2);

      // Sign-off with a drawn signature.
      await page.getByRole('group', { name: 'Seals dry' }).getByLabel('Pass').click();
      await until(() => page.getByText('1 of 1 answered').isVisible()).toBe(true);
      const pad = page.getByLabel('Signature', { exact: true });
      // Coordinates are the viewport's: the pad must be in view, and laid out, before the stroke.
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 10; i += 1) await page.mouse.move(box.x + 20 + i * 30, box.y + box.height / 2 + (i % 2 ? -20 : 20));
      await page.mouse.up();
      await until(() => page.getByRole('button', { name: 'Clear signature' }).isEnabled()).toBe(true);
      await expectAccessible(page, 'job with photos and a signature pad');
      await page.getByRole('button', { name: 'Sign off checklist' }).click();
      await until(() => page.getByRole('img', { name: 'Signed by Sam' }).isVisible()).toBe(true);
      const signatures = (await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id })).filter((a) => a.kind === 'signature');
      expect(signatures).toMatchObject([{ ownerType: 'sign_off', mediaType: 'image/png', createdBy: 'Sam' }]);

      // Reopening keeps the old signature, listed as an earlier sign-off.
      await page.getByRole('button', { name: 'Reopen checklist' }).click();
      await until(() => page.getByText('Earlier sign-offs (1)').isVisible()).toBe(true);
      expect(errors).toEqual([]);
      expect(failed.filter((p) => p !== '/favicon.ico')).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it('takes a photo with the camera (Chromium\'s fake camera device)', { timeout: 120_000 }, async () => {
    const camera = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    const host = await startHost(tempDir('fieldbook-e2e-'), undefined, { photos: { defaultObjectStore: null } });
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const job = await invoke<Job>(host.core, 'jobs.create', { title: 'Valve pit' });
    const page = await (await camera.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await page.goto(host.url);
      await jobList(page).getByText('Valve pit').click();
      await page.getByRole('button', { name: 'Take photo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Camera' });
      await until(() => dialog.getByRole('button', { name: 'Capture photo' }).isEnabled()).toBe(true);
      await dialog.getByRole('button', { name: 'Capture photo' }).click();
      await until(() => page.getByRole('img', { name: 'Photo 1 of Valve pit' }).isVisible()).toBe(true);
      const [photo] = await invoke<Attachment[]>(host.core, 'attachments.list', { jobId: job.id });
      expect(photo).toMatchObject({ mediaType: 'image/jpeg', kind: 'photo' });
      expect(photo!.width).toBeGreaterThan(0);
    } finally {
      await page.close();
      await host.stop();
      await camera.close();
    }
  });
});
