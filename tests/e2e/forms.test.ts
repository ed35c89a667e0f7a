/**
 * Forms in real Chromium against the browser host: nothing typed is lost
 * (drafts across navigation and a host restart, Esc asks first), limits are
 * shown and enforced without cutting text, input is checked in plain words.
 */
import type { Dialog, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/contract/drafts.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { Site } from '../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../shared/domain/templates.js';
import type { Core } from '../../electron/core/app-core.js';
import { invoke } from '../helpers/core.js';
import { expectAccessible, openAppPage, pollUntil, startHost, useChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

const until = pollUntil(15_000);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const jobList = (page: Page) => page.getByRole('list', { name: 'Jobs', exact: true });

/** Any text on screen that looks like an internal name: "templates.create:", "items.1". */
const INTERNAL = /\b[a-z]+\.[a-z][a-zA-Z]+:|\b(items|body|title|url)\.\d+\b/;

interface Dialogs {
  seen: string[];
  /** What the next confirm() answers. */
  answer: boolean;
}

async function openPage(url: string): Promise<{ page: Page; dialogs: Dialogs; errors: string[] }> {
  const dialogs: Dialogs = { seen: [], answer: false };
  const { page, errors } = await openAppPage(browser(), url, {
    locale: 'en-US',
    beforeGoto: (p) =>
      p.on('dialog', (dialog: Dialog) => {
        dialogs.seen.push(dialog.message());
        void (dialogs.answer ? dialog.accept() : dialog.dismiss());
      }),
  });
  return { page, dialogs, errors };
}

const draftOf = async (core: Core, key: string) => (await invoke<Draft | null>(core, 'drafts.get', { key }))?.value ?? null;

async function expectNoInternalNames(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(INTERNAL);
}

async function seed(core: Core): Promise<{ job: Job; site: Site }> {
  await invoke(core, 'profile.set', { name: 'Sam Field' });
  const site = await invoke<Site>(core, 'sites.create', { name: 'Pump House', address: '3 Weir Lane' });
  const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump overhaul', siteId: site.id });
  await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Safety', items: ['Guard fitted', 'Shaft play (mm)'] });
  return { job, site };
}

describe('forms in the browser', () => {
  it('keeps a half-written note across "← All jobs", a host restart and a reload, until it is added', { timeout: 180_000 }, async () => {
    const dataDir = tempDir('fieldbook-e2e-');
    let host = await startHost(dataDir);
    const port = Number(new URL(host.url).port);
    const { job } = await seed(host.core);
    const { page, errors } = await openPage(host.url);

    await jobList(page).getByText('Pump overhaul').click();
    const note = page.getByLabel('Note', { exact: true });
    await note.fill('Impeller worn on one side; order a new one and che');
    await until(() => draftOf(host.core, `note:${job.id}`)).toEqual({ body: 'Impeller worn on one side; order a new one and che' });
    // Typed on, then left at once: the last keystrokes are flushed on the way out.
    await note.pressSequentially('ck');
    await page.getByRole('button', { name: '← All jobs' }).click();
    await jobList(page).getByText('Pump overhaul').click();
    await until(() => page.getByLabel('Note', { exact: true }).inputValue()).toBe('Impeller worn on one side; order a new one and check');
    await until(() => draftOf(host.core, `note:${job.id}`)).toEqual({ body: 'Impeller worn on one side; order a new one and check' });
    // Nothing of the draft went into the synced replica.
    expect(JSON.stringify(await host.core.replica.db.all('SELECT * FROM changes'))).not.toContain('Impeller worn');

    await host.stop();
    host = await startHost(dataDir, port);
    await page.reload();
    // The page open while its host was stopped may report that loss (a poll in flight); this test stops it on
    // purpose. Only what the reloaded page reports counts.
    errors.length = 0;
    await jobList(page).getByText('Pump overhaul').click();
    await until(() => page.getByLabel('Note', { exact: true }).inputValue()).toBe('Impeller worn on one side; order a new one and check');
    await until(() => page.getByText(/Your unsaved changes from .* are shown/).isVisible()).toBe(true);
    await expectAccessible(page, 'job with a restored note draft');

    await page.getByRole('button', { name: 'Add note' }).click();
    await until(() => page.locator('.timeline').getByText('Impeller worn on one side').isVisible()).toBe(true);
    await until(() => page.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    await until(() => draftOf(host.core, `note:${job.id}`)).toBeNull();
    expect(errors).toEqual([]);
    await host.stop();
  });

  it('asks before Esc throws an edited job away, and Cancel keeps the text', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    const { job } = await seed(host.core);
    const { page, dialogs, errors } = await openPage(host.url);
    await jobList(page).getByText('Pump overhaul').click();
    await page.getByRole('button', { name: 'Edit job' }).click();
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Pump overhaul and seal change');

    // Esc inside the field, then Esc with the focus elsewhere: both ask; "Cancel" keeps everything.
    dialogs.answer = false;
    await title.press('Escape');
    await until(() => dialogs.seen.length).toBe(1);
    expect(dialogs.seen[0]).toBe('Discard changes?');
    await page.getByRole('heading', { name: 'Pump overhaul' }).click();
    await page.keyboard.press('Escape');
    await until(() => dialogs.seen.length).toBe(2);
    expect(await title.inputValue()).toBe('Pump overhaul and seal change');
    expect(await page.getByRole('form', { name: 'Edit job' }).isVisible()).toBe(true);

    // The edit survives leaving the job: the form opens again with it.
    await until(() => draftOf(host.core, `job:${job.id}`)).toMatchObject({ title: 'Pump overhaul and seal change' });
    await page.getByRole('button', { name: '← All jobs' }).click();
    await jobList(page).getByText('Pump overhaul').click();
    await until(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Pump overhaul and seal change');

    // OK discards: the form closes, the job is unchanged and the draft is gone.
    dialogs.answer = true;
    await page.getByLabel('Title', { exact: true }).press('Escape');
    await until(() => page.getByRole('form', { name: 'Edit job' }).count()).toBe(0);
    await until(() => draftOf(host.core, `job:${job.id}`)).toBeNull();
    expect((await invoke<Job>(host.core, 'jobs.get', { id: job.id })).title).toBe('Pump overhaul');
    expect(errors).toEqual([]);
    await host.stop();
  });

  it('shows limits as you type and refuses, never cuts, a 201-character title; flags an impossible date', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    await seed(host.core);
    const { page, errors } = await openPage(host.url);
    await page.getByRole('button', { name: 'New job', exact: true }).click();
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('x'.repeat(159));
    expect(await page.getByText('159 / 200').count()).toBe(0);
    await title.fill('x'.repeat(160));
    await until(() => page.getByText('160 / 200').isVisible()).toBe(true);
    await title.fill('x'.repeat(201));
    await until(() => page.getByText('201 / 200').isVisible()).toBe(true);
    await until(() => page.getByText('The title is too long: at most 200 characters.').isVisible()).toBe(true);
    expect((await title.inputValue()).length).toBe(201);
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new job with a title over the limit');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByText('Not saved yet: correct the marked fields.').isVisible()).toBe(true);
    expect(await page.getByRole('form', { name: 'New job' }).isVisible()).toBe(true);
    expect((await invoke<{ items: Job[] }>(host.core, 'jobs.list')).items.map((j) => j.title)).toEqual(['Pump overhaul']);

    // An impossible typed date is flagged, not turned into "No due date".
    await title.fill('Valve check');
    const due = page.getByLabel('Due date', { exact: true });
    await due.click();
    await page.keyboard.type('02302027');
    await due.blur();
    await until(() => page.getByText('The due date is not a real date: check the day and the month.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByText('Not saved yet: correct the marked fields.').isVisible()).toBe(true);
    // A date outside 2000–2100 is refused in the same words main would use.
    await due.fill('1900-01-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByText('The due date must be between 1 Jan 2000 and 31 Dec 2100.').isVisible()).toBe(true);
    await due.fill('2027-03-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(() => page.getByRole('heading', { name: 'Valve check' }).isVisible()).toBe(true);
    await until(() => draftOf(host.core, 'job:new')).toBeNull();
    await expectNoInternalNames(page);
    expect(errors).toEqual([]);
    await host.stop();
  });

  it('saves "3,5" as 3.5 and refuses "0x1F"; flags an inverted due range; explains a site with jobs before asking', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    const { job } = await seed(host.core);
    const { page, dialogs, errors } = await openPage(host.url);
    await jobList(page).getByText('Pump overhaul').click();
    await page.getByRole('button', { name: 'Start checklist' }).click();
    const shaft = page.getByRole('group', { name: 'Shaft play (mm)' });
    const measurement = shaft.getByLabel('Measurement');
    await measurement.fill('3,5');
    await measurement.blur();
    const saved = async () => (await invoke<Inspection>(host.core, 'inspections.forJob', { jobId: job.id })).items[1]!.measurement;
    await until(saved).toBe(3.5);
    await measurement.fill('0x1F');
    await measurement.blur();
    await until(() => shaft.getByText(/“0x1F” is not a decimal number/).isVisible()).toBe(true);
    await measurement.fill('1e3');
    await measurement.blur();
    await until(() => shaft.getByText(/Exponents such as “1e3” are not accepted/).isVisible()).toBe(true);
    expect(await saved()).toBe(3.5);
    await expectAccessible(page, 'checklist with a refused measurement');
    // A comment typed but not yet saved (that happens on leaving the field) is a draft too.
    const inspection = await invoke<Inspection>(host.core, 'inspections.forJob', { jobId: job.id });
    await shaft.getByLabel('Comment').fill('Play within limits after shimm');
    await until(() => draftOf(host.core, `checklist:${inspection.id}:${inspection.items[1]!.id}`)).toMatchObject({
      comment: 'Play within limits after shimm',
    });
    await shaft.getByLabel('Comment').blur();
    await until(async () => (await invoke<Inspection>(host.core, 'inspections.forJob', { jobId: job.id })).items[1]!.comment).toBe(
      'Play within limits after shimm',
    );
    // The refused measurement text is still kept as a draft: nothing typed is lost.
    await until(() => draftOf(host.core, `checklist:${inspection.id}:${inspection.items[1]!.id}`)).toMatchObject({ measurement: '1e3' });

    await nav(page, 'Jobs').click();
    // The filters sit behind the "Filters" button (a compact bar for laptop screens).
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Due from').fill('2027-05-10');
    await page.getByLabel('Due to').fill('2027-05-01');
    await until(() => page.getByText(/“Due from” \(2027-05-10\) is after “Due to” \(2027-05-01\), so no job can match/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Swap the dates' }).click();
    await until(() => page.getByLabel('Due from').inputValue()).toBe('2027-05-01');
    await until(() => page.getByText(/so no job can match/).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // A new site left half-typed opens again with its text.
    await nav(page, 'Sites').click();
    await page.getByRole('button', { name: 'New site' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Reservoir ga');
    await nav(page, 'Jobs').click();
    await nav(page, 'Sites').click();
    await until(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Reservoir ga');
    dialogs.answer = true;
    await page.getByRole('button', { name: 'Cancel' }).click();
    await until(() => dialogs.seen).toEqual(['Discard changes?']);
    await until(() => draftOf(host.core, 'site:new')).toBeNull();
    dialogs.answer = false;
    dialogs.seen.length = 0;

    await page.getByText('Pump House').click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await until(() => page.getByText('“Pump House” cannot be deleted: it still has 1 job. Move it to another site or delete it first.').isVisible()).toBe(true);
    expect(dialogs.seen).toEqual([]);
    await expectNoInternalNames(page);
    expect(errors).toEqual([]);
    await host.stop();
  });

  it('refuses a duplicate template name and a bad URL in plain words, never with a handler name', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir('fieldbook-e2e-'));
    await seed(host.core);
    const { page, errors } = await openPage(host.url);
    await nav(page, 'Settings').click();
    await page.getByLabel('Template name').fill('  SAFETY ');
    await page.getByLabel('Items, one per line').fill('Guard fitted');
    await page.getByRole('button', { name: 'Add template' }).click();
    await until(() => page.getByText('Not saved: A checklist template named “Safety” already exists. Choose another name.').isVisible()).toBe(true);
    expect((await invoke<ChecklistTemplate[]>(host.core, 'templates.list')).map((t) => t.name)).toEqual(['Safety']);

    await page.getByLabel('Template name').fill('Ladder');
    await page.getByLabel('Items, one per line').fill(`Feet intact\n${'y'.repeat(301)}`);
    await page.getByRole('button', { name: 'Add template' }).click();
    await until(() => page.getByText('Item 2 of the checklist is too long: at most 300 characters.').isVisible()).toBe(true);

    await page.getByLabel('Primary URL').fill('ftp://example.com');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await until(() => page.getByText(/^The primary URL must be an https:\/\/ or libsql:\/\/ URL \(http:\/\/ only for this computer\)/).isVisible()).toBe(true);
    await expectNoInternalNames(page);
    await expectAccessible(page, 'settings with refused input');
    expect(errors).toEqual([]);
    await host.stop();
  });
});
