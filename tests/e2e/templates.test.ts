import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import { invoke } from '../helpers/core.js';
import { expectAccessible, pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

const until = pollUntil(15_000);

describe('checklist templates in Settings', () => {
  it('creates, edits and deletes a template', async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    await invoke(host.core, 'profile.set', { name: 'Sam' });
    const page: Page = await (await browser().newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Template name').fill('Ladder check');
      await page.getByLabel('Items, one per line').fill('Feet intact\nRungs tight');
      await page.getByRole('button', { name: 'Add template' }).click();
      await until(() => page.getByText('Ladder check').isVisible()).toBe(true);

      await page.getByRole('button', { name: 'Edit Ladder check' }).click();
      const editor = page.getByRole('form', { name: 'Edit Ladder check' });
      await editor.getByLabel('Template name').fill('Ladder inspection');
      await editor.getByLabel('Items, one per line').fill('Feet intact\nRungs tight\nLabel readable');
      await expectAccessible(page, 'settings, editing a template');
      await editor.getByRole('button', { name: 'Save template' }).click();
      await until(() => page.getByText('Ladder inspection').isVisible()).toBe(true);
      await until(() => page.getByText('3 items').isVisible()).toBe(true);
      expect((await invoke<ChecklistTemplate[]>(host.core, 'templates.list')).map((t) => [t.name, t.items])).toEqual([
        ['Ladder inspection', ['Feet intact', 'Rungs tight', 'Label readable']],
      ]);

      await page.getByRole('button', { name: 'Delete Ladder inspection' }).click();
      await until(() => page.getByText('No templates yet').isVisible()).toBe(true);
      expect(await invoke<ChecklistTemplate[]>(host.core, 'templates.list')).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
