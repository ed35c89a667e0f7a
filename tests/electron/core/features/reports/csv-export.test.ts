/**
 * CSV exports through the real handlers and replica, read back with csv-parse:
 * quotes, commas, newlines, non-ASCII and formula-looking values survive, the
 * list's filters, search and sort are the list's, and paging covers every job.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE } from '../../../../../electron/core/features/reports/jobs-csv.js';
import type { Core } from '../../../../../electron/core/app-core.js';
import type { Inspection } from '../../../../../shared/domain/inspections.js';
import type { Job, JobPage } from '../../../../../shared/domain/jobs.js';
import type { ExportResult } from '../../../../../shared/domain/reports.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { DialogStandIn, reportWork } from '../../../../helpers/report-work.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const TRICKY_TITLES = [
  'Plain title',
  'Comma, and "double quotes"',
  'Line one\nline two\r\nline three',
  'Zählerstand prüfen — Ωmega ✓ 東京',
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\tTabbed',
  '\rCarriage',
  '＝full-width equals',
];

/** What a spreadsheet must show for a text value: formula starters get a leading apostrophe. */
function neutralised(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D]/.test(value) ? `'${value}` : value;
}

function readCsv(file: string): { bytes: Buffer; header: string[]; rows: Record<string, string>[] } {
  const bytes = fs.readFileSync(file);
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  return { bytes, header: header!, rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

async function allJobs(core: Core, query: Record<string, unknown>): Promise<Job[]> {
  const jobs: Job[] = [];
  let cursor: string | null = null;
  do {
    const page: JobPage = await invoke<JobPage>(core, 'jobs.list', { ...query, limit: 500, cursor });
    jobs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}

async function exported(core: Core, folder: string, name: string, input: unknown): Promise<{ result: ExportResult & { status: 'saved' }; file: string }> {
  const result = await invoke<ExportResult>(core, name, input);
  if (result.status !== 'saved') throw new Error(`${name} did not save`);
  return { result, file: path.join(folder, result.fileName) };
}

describe('reports.jobsCsv', () => {
  it('round-trips every tricky value through csv-parse, with a BOM, CRLF records and formulas neutralised', async () => {
    const folder = tempDir('fieldbook-csv-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder) });
    const site = await invoke<{ id: string }>(core, 'sites.create', { name: '=Site, "north"', address: '1 Main St' });
    for (const [i, title] of TRICKY_TITLES.entries()) {
      await invoke(core, 'jobs.create', {
        // Titles are trimmed on save, descriptions are not: the tab and CR starters live there.
        title: title.trim() || 'Blank',
        description: title,
        assignee: i % 2 ? '@Ana' : 'Jörg',
        siteId: i % 3 ? site.id : null,
        dueDate: `2026-12-${String(10 + i).padStart(2, '0')}`,
      });
    }
    const { result, file } = await exported(core, folder, 'reports.jobsCsv', { sort: 'title' });
    const { bytes, header, rows } = readCsv(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(header).toEqual(['job_id', 'title', 'status', 'priority', 'assignee', 'site', 'due_date', 'created_at', 'created_by', 'updated_at', 'updated_by', 'description']);
    const jobs = await allJobs(core, { sort: 'title' });
    expect(result.rows).toBe(jobs.length);
    expect(rows.map((r) => r.job_id)).toEqual(jobs.map((j) => j.id));
    for (const [i, row] of rows.entries()) {
      const job = jobs[i]!;
      expect(row.title).toBe(neutralised(job.title));
      expect(row.description).toBe(neutralised(job.description));
      expect(row.assignee).toBe(neutralised(job.assignee ?? ''));
      expect(row.site).toBe(job.siteName ? `'${job.siteName}` : '');
      expect(row.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.created_at).toBe(job.createdAt);
      expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const titles = rows.map((r) => r.title);
    expect(titles).toContain("'=HYPERLINK(\"http://evil.example\",\"click\")");
    expect(titles).toContain("'-2+3");
    expect(titles).toContain('Zählerstand prüfen — Ωmega ✓ 東京');
    expect(titles).toContain('Comma, and "double quotes"');
    const descriptions = rows.map((r) => r.description);
    expect(descriptions).toContain("'\tTabbed");
    expect(descriptions).toContain("'\rCarriage");
    expect(descriptions).toContain('Line one\nline two\r\nline three');
    // No row starts a cell with a formula character once parsed.
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@\t\r]/);
  });

  it('exports exactly the list as filtered, searched and sorted, across many pages', async () => {
    const folder = tempDir('fieldbook-csv-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder) });
    await invoke(core, 'profile.set', { name: 'Ana' });
    const total = EXPORT_PAGE * 2 + 37;
    for (let i = 0; i < total; i++) {
      await invoke(core, 'jobs.create', {
        title: `${i % 4 === 0 ? 'Pump' : 'Valve'} check ${i}`,
        priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
        assignee: i % 5 === 0 ? 'Ana' : null,
        dueDate: i % 7 === 0 ? null : `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
      });
    }
    const queries: Record<string, unknown>[] = [
      {},
      { sort: 'due', direction: 'asc' },
      { sort: 'priority', priority: ['high', 'urgent'] },
      { search: 'pump', sort: 'title', direction: 'desc' },
      { assignedToMe: true, sort: 'updated' },
      { dueFrom: '2027-01-05', dueTo: '2027-01-20', sort: 'due' },
    ];
    for (const query of queries) {
      const { result, file } = await exported(core, folder, 'reports.jobsCsv', query);
      const expected = await allJobs(core, query);
      expect(expected.length).toBeGreaterThan(0);
      const { rows } = readCsv(file);
      expect(rows.map((r) => r.job_id), JSON.stringify(query)).toEqual(expected.map((j) => j.id));
      expect(result.rows).toBe(expected.length);
    }
    const all = readCsv((await exported(core, folder, 'reports.jobsCsv', { limit: 3, cursor: null })).file);
    expect(all.rows).toHaveLength(total);
  });

  it('refuses a search that matches nothing in plain words, before asking where to save', async () => {
    const dialog = new DialogStandIn(tempDir('fieldbook-csv-'));
    const core = await startTestCore({ saveTarget: dialog });
    await invoke(core, 'jobs.create', { title: 'Only job' });
    const answer = await core.dispatch('reports.jobsCsv', { search: 'nothing-like-this' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('NOT_FOUND');
    expect(answer.error.message).toMatch(/No job matches the list’s search and filters/);
    expect(dialog.requests).toHaveLength(0);
  });
});

describe('reports.inspectionsCsv', () => {
  it('writes one row per item with job and site, for inspections in the day range', async () => {
    const folder = tempDir('fieldbook-csv-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder) });
    const work = await reportWork(core);
    const other = await invoke<Job>(core, 'jobs.create', { title: '+Second job, "quoted"' });
    const template = await invoke<{ id: string }>(core, 'templates.create', { name: 'Short', items: ['=1+1 looks like a formula', 'Line\nbreak'] });
    const second = await invoke<Inspection>(core, 'inspections.start', { jobId: other.id, templateId: template.id });
    await invoke(core, 'inspections.setItem', { inspectionId: second.id, itemId: second.items[0]!.id, result: 'fail', measurement: -0.5, unit: 'mm', comment: '@here, "now"' });
    const today = new Date().toISOString().slice(0, 10);

    const { result, file } = await exported(core, folder, 'reports.inspectionsCsv', { from: today, to: today });
    const { header, rows } = readCsv(file);
    expect(header).toEqual([
      'job_id', 'job_title', 'job_status', 'site', 'site_address', 'inspection_id', 'checklist', 'signed_off_at', 'signed_off_by',
      'item_position', 'item', 'result', 'measurement', 'unit', 'comment', 'item_updated_at', 'item_updated_by',
    ]);
    expect(rows).toHaveLength(work.inspection.items.length + 2);
    expect(result.rows).toBe(rows.length);
    const first = rows.filter((r) => r.inspection_id === work.inspection.id);
    expect(first.map((r) => r.item)).toEqual(work.inspection.items.map((i) => i.label));
    expect(first.map((r) => r.result)).toEqual(['pass', 'fail', 'pass', 'n/a', 'pass']);
    expect(first.map((r) => r.measurement)).toEqual(['', '4.75', '-12.5', '', '3']);
    expect(first.every((r) => r.site === work.siteName && r.site_address === 'Hafenstraße 12, 20457 Hamburg')).toBe(true);
    expect(first.every((r) => r.signed_off_by === work.signer && r.job_id === work.job.id)).toBe(true);
    expect(first[0]!.signed_off_at).toBe(work.inspection.signedOffAt);
    const secondRows = rows.filter((r) => r.inspection_id === second.id);
    expect(secondRows.map((r) => r.item)).toEqual(["'=1+1 looks like a formula", 'Line\nbreak']);
    expect(secondRows[0]).toMatchObject({ job_title: "'+Second job, \"quoted\"", result: 'fail', measurement: '-0.5', comment: "'@here, \"now\"", item_position: '1', signed_off_at: '' });
    expect(secondRows[1]).toMatchObject({ result: '', item_position: '2' });

    // A range that ends yesterday holds none of today's work.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const none = await core.dispatch('reports.inspectionsCsv', { from: '2020-01-01', to: yesterday });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toBe(`No checklist was signed off or changed from 2020-01-01 to ${yesterday}, so there is nothing to export. Choose a wider range.`);
  });

  it('names what is wrong with a missing, malformed or inverted range', async () => {
    const dialog = new DialogStandIn(tempDir('fieldbook-csv-'));
    const core = await startTestCore({ saveTarget: dialog });
    const cases: Array<[unknown, RegExp]> = [
      [{}, /“From” is missing\. “To” is missing\./],
      [{ from: '2026-01-01' }, /“To” is missing/],
      [{ from: '2026-02-01', to: '2026-01-31' }, /“To” is before “From”, so the range holds no day/],
      [{ from: '2026-02-30', to: '2026-03-01' }, /“From” is not a real date/],
      [{ from: '', to: '' }, /“From” must be a date like 2026-12-31/],
      [{ from: '2026-01-01', to: '2026-01-02', path: '/etc/passwd' }, /fields? Fieldbook does not know: “path”/],
    ];
    for (const [input, message] of cases) {
      const answer = await core.dispatch('reports.inspectionsCsv', input);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('INVALID_INPUT');
        expect(answer.error.message).toMatch(message);
      }
    }
    expect(dialog.requests).toHaveLength(0);
  });
});
