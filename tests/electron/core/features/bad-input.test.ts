/** Every field-work handler refuses malformed or out-of-range input with a clear error and changes nothing. */
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../../shared/domain/inspections.js';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { Site } from '../../../../shared/domain/sites.js';
import type { ChecklistTemplate } from '../../../../shared/domain/templates.js';
import { HANDLER_NAMES } from '../../../../shared/contract/index.js';
import type { Core } from '../../../../electron/core/app-core.js';
import { invoke, startTestCore } from '../../../helpers/core.js';

const HUGE = 'x'.repeat(10 * 1024 * 1024);
const MISSING = '01900000-0000-7000-8000-000000000000';

interface Ids {
  job: string;
  site: string;
  template: string;
  inspection: string;
  item: string;
}

type Case = [name: string, input: (ids: Ids) => unknown, code: string, mentions: RegExp];

const CASES: Case[] = [
  ['jobs.create', () => ({}), 'INVALID_INPUT', /title/],
  ['jobs.create', () => ({ title: '   ' }), 'INVALID_INPUT', /title is required/],
  ['jobs.create', () => ({ title: HUGE }), 'INVALID_INPUT', /The title is too long: at most 200 characters/],
  ['jobs.create', () => ({ title: 'ok', description: HUGE }), 'INVALID_INPUT', /description/],
  ['jobs.create', () => ({ title: 'ok', status: 'finished' }), 'INVALID_INPUT', /status/],
  ['jobs.create', () => ({ title: 'ok', priority: 'asap' }), 'INVALID_INPUT', /priority/],
  ['jobs.create', () => ({ title: 'ok', dueDate: '12/01/2026' }), 'INVALID_INPUT', /The due date must be a date like 2026-12-31/],
  ['jobs.create', () => ({ title: 'ok', siteId: MISSING }), 'NOT_FOUND', /No site/],
  ['jobs.create', () => ({ title: 'ok', siteId: 'not-a-uuid' }), 'INVALID_INPUT', /The site is not valid/],
  ['jobs.create', () => ({ title: 'ok', owner: 'me' }), 'INVALID_INPUT', /owner|Unrecognized/i],
  ['jobs.list', () => ({ search: HUGE }), 'INVALID_INPUT', /search/],
  ['jobs.list', () => ({ status: ['closed'] }), 'INVALID_INPUT', /A status in the filter must be one of/],
  ['jobs.list', () => ({ sort: 'random' }), 'INVALID_INPUT', /sort/],
  ['jobs.list', () => ({ limit: 501 }), 'INVALID_INPUT', /page size must be at most 500/],
  ['jobs.list', () => ({ limit: 0 }), 'INVALID_INPUT', /page size must be at least 1/],
  ['jobs.count', () => ({ status: ['closed'] }), 'INVALID_INPUT', /A status in the filter must be one of/],
  ['jobs.count', () => ({ siteId: 'not-a-uuid' }), 'INVALID_INPUT', /The site is not valid/],
  ['jobs.list', () => ({ cursor: 'bm9wZQ' }), 'INVALID_INPUT', /cursor/],
  ['jobs.list', () => ({ dueFrom: 'tomorrow' }), 'INVALID_INPUT', /“Due from” must be a date/],
  ['jobs.list', () => ({ dueFrom: '2026-12-10', dueTo: '2026-12-01' }), 'INVALID_INPUT', /“Due to” is before “Due from”/],
  ['jobs.create', () => ({ title: 'ok', dueDate: '1900-01-01' }), 'INVALID_INPUT', /The due date must be between 1 Jan 2000 and 31 Dec 2100/],
  ['jobs.create', () => ({ title: 'ok', dueDate: '2027-02-30' }), 'INVALID_INPUT', /The due date is not a real date/],
  ['jobs.update', (ids) => ({ id: ids.job, dueDate: '2101-01-01' }), 'INVALID_INPUT', /between 1 Jan 2000 and 31 Dec 2100/],
  ['jobs.get', () => ({ id: MISSING }), 'NOT_FOUND', /No job/],
  ['jobs.get', () => ({}), 'INVALID_INPUT', /The job reference is missing/],
  ['jobs.update', (ids) => ({ id: ids.job, title: '' }), 'INVALID_INPUT', /title is required/],
  ['jobs.update', (ids) => ({ id: ids.job, siteId: MISSING }), 'NOT_FOUND', /No site/],
  ['jobs.update', (ids) => ({ id: ids.job, priority: 'critical' }), 'INVALID_INPUT', /priority/],
  ['jobs.update', (ids) => ({ id: ids.job, assignee: HUGE }), 'INVALID_INPUT', /assignee/],
  ['jobs.update', () => ({ id: MISSING, title: 'x' }), 'NOT_FOUND', /No job/],
  ['jobs.update', (ids) => ({ id: ids.job, status: 'done' }), 'INVALID_INPUT', /status|Unrecognized/i],
  ['jobs.setStatus', (ids) => ({ id: ids.job, status: 'closed' }), 'INVALID_INPUT', /status/],
  ['jobs.setStatus', () => ({ id: MISSING, status: 'done' }), 'NOT_FOUND', /No job/],
  ['jobs.delete', () => ({ id: MISSING }), 'NOT_FOUND', /No job/],
  ['jobs.assignees', () => ({ all: true }), 'INVALID_INPUT', /all|Unrecognized/i],
  ['jobs.delete', () => ({ id: 42 }), 'INVALID_INPUT', /The job reference must be text/],
  ['sites.create', () => ({ address: 'x' }), 'INVALID_INPUT', /name/],
  ['sites.create', () => ({ name: 'x' }), 'INVALID_INPUT', /address/],
  ['sites.create', () => ({ name: 'x', address: HUGE }), 'INVALID_INPUT', /The address is too long: at most 500 characters/],
  ['sites.create', () => ({ name: 'x', address: 'y', latitude: 91 }), 'INVALID_INPUT', /latitude/],
  ['sites.create', () => ({ name: 'x', address: 'y', longitude: '12' }), 'INVALID_INPUT', /longitude/],
  ['sites.create', () => ({ name: 'x', address: 'y', notes: HUGE }), 'INVALID_INPUT', /notes/],
  ['sites.list', () => ({ search: HUGE }), 'INVALID_INPUT', /search/],
  ['sites.list', () => ({ cursor: 'garbage' }), 'INVALID_INPUT', /cursor/],
  ['sites.get', () => ({ id: MISSING }), 'NOT_FOUND', /No site/],
  ['sites.update', () => ({ id: MISSING, name: 'x' }), 'NOT_FOUND', /No site/],
  ['sites.update', (ids) => ({ id: ids.site, name: '' }), 'INVALID_INPUT', /name is required/],
  ['sites.update', (ids) => ({ id: ids.site, contact: HUGE }), 'INVALID_INPUT', /contact/],
  ['sites.delete', () => ({ id: MISSING }), 'NOT_FOUND', /No site/],
  ['sites.delete', (ids) => ({ id: ids.site }), 'CONFLICT', /still has 1 job\. Move it to another site or delete it first/],
  ['templates.list', () => ({ extra: 1 }), 'INVALID_INPUT', /extra|Unrecognized/i],
  ['templates.create', () => ({ name: 'x', items: [] }), 'INVALID_INPUT', /The checklist needs at least one item/],
  ['templates.create', () => ({ name: 'x', items: [''] }), 'INVALID_INPUT', /Item 1 of the checklist is empty/],
  ['templates.create', () => ({ name: 'x', items: [HUGE] }), 'INVALID_INPUT', /Item 1 of the checklist is too long/],
  ['templates.create', () => ({ name: 'x', items: Array.from({ length: 201 }, () => 'a') }), 'INVALID_INPUT', /checklist has too many entries: at most 200/],
  ['templates.create', () => ({ items: ['a'] }), 'INVALID_INPUT', /name/],
  ['templates.create', () => ({ name: 'x', items: ['a', 'y'.repeat(301)] }), 'INVALID_INPUT', /^Item 2 of the checklist is too long: at most 300 characters\.$/],
  ['templates.create', () => ({ name: 'safety', items: ['a'] }), 'CONFLICT', /A checklist template named “Safety” already exists/],
  ['templates.create', () => ({ name: '  SAFETY ', items: ['a'] }), 'CONFLICT', /already exists/],
  ['templates.update', () => ({ id: MISSING, name: 'x' }), 'NOT_FOUND', /No checklist template/],
  ['templates.update', (ids) => ({ id: ids.template, items: [] }), 'INVALID_INPUT', /The checklist needs at least one item/],
  ['templates.update', (ids) => ({ id: ids.template, name: HUGE }), 'INVALID_INPUT', /name/],
  ['templates.update', () => ({ id: 'not-a-uuid', name: 'x' }), 'INVALID_INPUT', /The template reference is not valid/],
  ['templates.delete', () => ({ id: MISSING }), 'NOT_FOUND', /No checklist template/],
  ['inspections.forJob', () => ({ jobId: MISSING }), 'NOT_FOUND', /No job/],
  ['inspections.start', (ids) => ({ jobId: ids.job, templateId: MISSING }), 'NOT_FOUND', /No checklist template/],
  ['inspections.start', (ids) => ({ jobId: MISSING, templateId: ids.template }), 'NOT_FOUND', /No job/],
  ['inspections.start', (ids) => ({ jobId: ids.job, templateId: ids.template }), 'CONFLICT', /already has a checklist/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: ids.item, result: 'ok' }), 'INVALID_INPUT', /The answer must be one of: pass, fail, na/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: ids.item, measurement: 'ten' }), 'INVALID_INPUT', /measurement/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: ids.item, measurement: Infinity }), 'INVALID_INPUT', /measurement/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: ids.item, comment: HUGE }), 'INVALID_INPUT', /comment/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: ids.item, unit: 'x'.repeat(21) }), 'INVALID_INPUT', /unit/],
  ['inspections.setItem', (ids) => ({ inspectionId: ids.inspection, itemId: MISSING, result: 'pass' }), 'NOT_FOUND', /not part of inspection/],
  ['inspections.setItem', (ids) => ({ inspectionId: MISSING, itemId: ids.item, result: 'pass' }), 'NOT_FOUND', /No inspection/],
  ['inspections.signOff', (ids) => ({ id: ids.inspection }), 'INVALID_INPUT', /no answer yet/],
  ['inspections.signOff', () => ({ id: MISSING }), 'NOT_FOUND', /No inspection/],
  ['inspections.reopen', (ids) => ({ id: ids.inspection }), 'CONFLICT', /not signed off/],
  ['notes.list', () => ({ jobId: MISSING }), 'NOT_FOUND', /No job/],
  ['notes.add', (ids) => ({ jobId: ids.job, body: '  ' }), 'INVALID_INPUT', /The note is required/],
  ['notes.add', (ids) => ({ jobId: ids.job, body: HUGE }), 'INVALID_INPUT', /The note is too long: at most 10000 characters/],
  ['notes.add', () => ({ jobId: MISSING, body: 'hello' }), 'NOT_FOUND', /No job/],
  ['profile.get', () => ({ name: 'x' }), 'INVALID_INPUT', /name|Unrecognized/i],
  ['profile.set', () => ({ name: '' }), 'INVALID_INPUT', /name/],
  ['profile.set', () => ({ name: HUGE }), 'INVALID_INPUT', /name/],
  ['profile.set', () => ({}), 'INVALID_INPUT', /name/],
  ['workspace.loadSampleData', () => ({ force: true }), 'INVALID_INPUT', /force|Unrecognized/i],
  ['workspace.loadSampleData', () => ({}), 'CONFLICT', /empty workspace/],
];

async function seed(core: Core): Promise<Ids> {
  await invoke(core, 'profile.set', { name: 'Alex' });
  const site = await invoke<Site>(core, 'sites.create', { name: 'Depot', address: 'Mill Lane' });
  const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler', siteId: site.id });
  const template = await invoke<ChecklistTemplate>(core, 'templates.create', { name: 'Safety', items: ['Exits clear'] });
  const inspection = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
  return { job: job.id, site: site.id, template: template.id, inspection: inspection.id, item: inspection.items[0]!.id };
}

/** Everything a bad call could have touched. */
async function snapshot(core: Core): Promise<string> {
  const tables = ['changes', 'jobs', 'sites', 'checklist_templates', 'inspections', 'inspection_items', 'job_notes'];
  const parts = await Promise.all(tables.map((t) => core.replica.db.all(`SELECT * FROM ${t} ORDER BY id`)));
  return JSON.stringify([parts, core.settings.current.profileName]);
}

describe('bad input', () => {
  it('every field-work handler has at least one bad-input case', () => {
    const covered = new Set(CASES.map(([name]) => name));
    const mine = HANDLER_NAMES.filter((n) => /^(jobs|sites|templates|inspections|notes|profile)\./.test(n) || n === 'workspace.loadSampleData');
    expect(mine.filter((n) => !covered.has(n))).toEqual([]);
  });

  it('every handler in the contract refuses unknown fields and non-object input', async () => {
    const core = await startTestCore();
    for (const name of HANDLER_NAMES) {
      for (const input of [{ unexpected: true }, 'text', [1, 2]]) {
        const result = await core.dispatch(name, input);
        expect(result, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
    }
  });

  it('rejects each case with a clear error naming the problem, and changes nothing', async () => {
    const core = await startTestCore();
    const ids = await seed(core);
    const before = await snapshot(core);
    for (const [name, input, code, mentions] of CASES) {
      const result = await core.dispatch(name, input(ids));
      const label = `${name} ${JSON.stringify(input(ids)).slice(0, 80)}`;
      expect(result.ok, label).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${label}: ${result.error.message}`).toBe(code);
      expect(result.error.message, label).toMatch(mentions);
      expect(result.error.message.length, label).toBeLessThan(400);
      // Plain words: never a handler name ("templates.create:") or a schema path ("items.1").
      expect(result.error.message, label).not.toMatch(/\b[a-z]+\.[a-z][a-zA-Z]+\b|\b[a-zA-Z]+\.\d+\b/);
    }
    expect(await snapshot(core)).toBe(before);
  });
});
