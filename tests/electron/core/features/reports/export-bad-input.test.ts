/**
 * Exports that cannot happen: a missing or deleted job, a cancelled dialog, a
 * folder that does not exist, a file where a folder should be, a disk that
 * fails mid-write. Each answers in plain words and leaves no file behind, and a
 * file already at the target is kept whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../../../../electron/core/features/reports/atomic-file.js';
import { writeCsv } from '../../../../../electron/core/features/reports/csv-format.js';
import { safeFileName } from '../../../../../electron/core/features/reports/save-target.js';
import type { ExportResult } from '../../../../../shared/domain/reports.js';
import { AppError } from '../../../../../shared/errors.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { DialogStandIn, reportWork } from '../../../../helpers/report-work.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const MISSING_JOB = '01900000-0000-7000-8000-000000000000';

function failure(answer: Awaited<ReturnType<import('../../../../../electron/core/app-core.js').Core['dispatch']>>) {
  if (answer.ok) throw new Error(`expected a failure, got ${JSON.stringify(answer.value)}`);
  return answer.error;
}

describe('export bad input', () => {
  it('refuses a job that does not exist or was deleted, before any dialog', async () => {
    const folder = tempDir('fieldbook-bad-');
    const dialog = new DialogStandIn(folder);
    const core = await startTestCore({ saveTarget: dialog });
    const missing = failure(await core.dispatch('reports.jobPdf', { jobId: MISSING_JOB }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/^There is no such job on this laptop, so no report was made\./);
    const job = await invoke<{ id: string }>(core, 'jobs.create', { title: 'Gone soon' });
    await invoke(core, 'jobs.delete', { id: job.id });
    const deleted = failure(await core.dispatch('reports.jobPdf', { jobId: job.id }));
    expect(deleted.message).toBe('The job “Gone soon” was deleted, so no report was made. Restore it from Deleted first.');
    const malformed = failure(await core.dispatch('reports.jobPdf', { jobId: '../../etc/passwd' }));
    expect(malformed.code).toBe('INVALID_INPUT');
    expect(malformed.message).toBe('The job reference is not valid.');
    const extra = failure(await core.dispatch('reports.jobPdf', { jobId: job.id, path: '/tmp/x.pdf' }));
    expect(extra.message).toMatch(/does not know: “path”/);
    expect(dialog.requests).toHaveLength(0);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a cancelled dialog says nothing was saved and writes nothing', async () => {
    const dialog = new DialogStandIn(null);
    const core = await startTestCore({ saveTarget: dialog });
    const work = await reportWork(core);
    const today = new Date().toISOString().slice(0, 10);
    for (const [name, input] of [
      ['reports.jobPdf', { jobId: work.job.id }],
      ['reports.jobsCsv', {}],
      ['reports.inspectionsCsv', { from: today, to: today }],
    ] as const) {
      const result = await invoke<ExportResult>(core, name, input);
      expect(result).toEqual({ status: 'cancelled', message: 'Export cancelled: nothing was saved.' });
    }
    expect(dialog.requests.map((r) => r.kind)).toEqual(['pdf', 'csv', 'csv']);
  });

  it('a folder that does not exist, or is a file, is a plain-words storage error with nothing left behind', async () => {
    const root = tempDir('fieldbook-bad-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(path.join(root, 'no-such-folder')) });
    const work = await reportWork(core);
    const gone = failure(await core.dispatch('reports.jobPdf', { jobId: work.job.id }));
    expect(gone.code).toBe('STORAGE_FAILED');
    expect(gone.message).toMatch(/^Could not save “Quarterly pump inspection — Ωmega line - report .*\.pdf”: that folder does not exist\. Nothing was saved;/);

    fs.writeFileSync(path.join(root, 'a-file'), 'keep me');
    const core2 = await startTestCore({ saveTarget: new DialogStandIn(path.join(root, 'a-file')) });
    await invoke(core2, 'jobs.create', { title: 'One' });
    const notDir = failure(await core2.dispatch('reports.jobsCsv', {}));
    expect(notDir.code).toBe('STORAGE_FAILED');
    expect(notDir.message).toMatch(/that folder does not exist/);
    expect(fs.readdirSync(root)).toEqual(['a-file']);
    expect(fs.readFileSync(path.join(root, 'a-file'), 'utf8')).toBe('keep me');
  });

  it('a disk that fails mid-write removes the temp file and keeps the previous file whole', async () => {
    const folder = tempDir('fieldbook-bad-');
    const target = path.join(folder, 'report.pdf');
    fs.writeFileSync(target, 'the previous report');
    for (const [code, words] of [
      ['ENOSPC', 'the disk is full'],
      ['EIO', 'the disk reported a read or write error'],
      ['EWHATEVER', 'the disk refused the write'],
    ] as const) {
      const error = await writeAtomically(target, async (out) => {
        out.write(Buffer.alloc(64 * 1024, 1));
        // What fs reports when the disk fills: the stream errors with an errno code.
        out.destroy(Object.assign(new Error(`${code}: simulated`), { code }));
        await new Promise((resolve) => setImmediate(resolve));
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('STORAGE_FAILED');
      expect((error as AppError).message).toBe(`Could not save “report.pdf”: ${words}. Nothing was saved; choose another place or free some space and try again.`);
      expect(fs.readdirSync(folder)).toEqual(['report.pdf']);
      expect(fs.readFileSync(target, 'utf8')).toBe('the previous report');
    }
  });

  it('a producer that fails (e.g. the replica mid-export) leaves no temp file and passes its error on', async () => {
    const folder = tempDir('fieldbook-bad-');
    const target = path.join(folder, 'jobs.csv');
    const boom = new AppError('NOT_FOUND', 'The job vanished');
    const error = await writeAtomically(target, async (out) => {
      out.write('half a file');
      throw boom;
    }).catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a disk that fails in the middle of a streamed CSV stops the export and removes the temp file', async () => {
    const folder = tempDir('fieldbook-bad-');
    const target = path.join(folder, 'jobs.csv');
    let file: Writable | null = null;
    let produced = 0;
    async function* rows() {
      for (let i = 0; i < 100_000; i++) {
        if (i === 5_000) file?.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        produced = i;
        yield { n: i, text: `row ${i}, "quoted"` };
        if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const error = await writeAtomically(target, async (out) => {
      file = out;
      await writeCsv(rows(), [{ header: 'n', value: (r) => r.n }, { header: 'text', value: (r) => r.text }], out);
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect((error as AppError).message).toMatch(/: the disk is full\. Nothing was saved/);
    // The pipeline stopped pulling rows soon after the failure instead of producing all 100,000.
    expect(produced).toBeLessThan(20_000);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('suggested file names carry no folder, control or reserved characters', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('etc passwd.pdf');
    expect(safeFileName('a\\b:c*d?e"f<g>h|i\u0000j\nk', 'csv')).toBe('a b c d e f g h i j k.csv');
    expect(safeFileName('...', 'pdf')).toBe('Fieldbook export.pdf');
    expect(safeFileName('Zähler Ωmega', 'pdf')).toBe('Zähler Ωmega.pdf');
    expect(safeFileName('x'.repeat(500), 'csv')).toHaveLength(124);
  });
});
