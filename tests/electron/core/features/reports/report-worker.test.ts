/**
 * The report's worker thread: the real worker renders the PDF from the report
 * handed over (photo bytes moved, not copied); a worker that crashes, hangs or
 * writes to a failing disk ends as a plain error with no temp file left behind.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../../../../electron/core/features/reports/atomic-file.js';
import type { JobReport } from '../../../../../electron/core/features/reports/report-data.js';
import { findReportFonts } from '../../../../../electron/core/features/reports/report-fonts.js';
import { renderJobReportInWorker, reportWorkerIdle, reportWorkersStarted, reportWorkerScript } from '../../../../../electron/core/features/reports/report-render.js';
import { AppError } from '../../../../../shared/errors.js';
import { pdfImageCount, pdfText } from '../../../../helpers/pdf-tools.js';
import { tempDir } from '../../../../helpers/temp-dir.js';
import { minimalReport } from './fixtures/minimal-report.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

async function report(photoCount: number): Promise<JobReport> {
  const photos = await Promise.all(
    Array.from({ length: photoCount }, async (_, i) => {
      const jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 40 * i, g: 90, b: 160 } } }).jpeg().toBuffer();
      // In a buffer of its own, as a file read answers it (sharp's own output lives in native memory, which only copies).
      return { data: Buffer.from(new Uint8Array(jpeg).buffer), caption: `Pump photo ${i + 1}` };
    }),
  );
  return minimalReport('Worker-rendered report — Ωmega', { description: 'Rendered off the main thread.', jobPhotos: photos });
}

async function failedExport(folder: string, produce: Parameters<typeof writeAtomically>[1]): Promise<AppError> {
  const error = await writeAtomically(path.join(folder, 'report.pdf'), produce).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the report worker', () => {
  it('finds its script beside the module: the built report-worker.js, else the source', () => {
    expect(reportWorkerScript()).toMatch(/electron\/core\/features\/reports\/report-worker\.ts$/);
    const bundleDir = tempDir('fieldbook-bundle-');
    fs.writeFileSync(path.join(bundleDir, 'report-worker.js'), '');
    expect(reportWorkerScript(`file://${bundleDir}/main.js`)).toBe(path.join(bundleDir, 'report-worker.js'));
  });

  it('renders the PDF from the report it is handed, the photo bytes moved to the worker rather than copied', async () => {
    const folder = tempDir('fieldbook-worker-');
    const target = path.join(folder, 'report.pdf');
    const data = await report(3);
    const photos = data.jobPhotos.map((photo) => photo.data);
    expect(photos.every((bytes) => bytes.byteLength > 0)).toBe(true);
    // A slice of Node's shared buffer pool cannot move without taking its neighbours along: it is copied.
    const pooled = Buffer.from(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer());
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    data.jobPhotos.push({ data: pooled, caption: 'Pump photo 4' });

    const { bytes } = await writeAtomically(target, (out) => renderJobReportInWorker(data, findReportFonts(), out));
    expect(photos.map((bytes) => bytes.byteLength)).toEqual([0, 0, 0]);
    expect(pooled.byteLength).toBeGreaterThan(0);
    expect(fs.readdirSync(folder)).toEqual(['report.pdf']);
    expect(fs.statSync(target).size).toBe(bytes);
    const text = pdfText(target);
    expect(text).toContain('Worker-rendered report — Ωmega');
    expect(text).toContain('Pump photo 4');
    expect(pdfImageCount(target)).toBe(4);
  });

  it('keeps the worker for the next report, stops it after the idle time, and replaces a kept worker that breaks', async () => {
    const folder = tempDir('fieldbook-worker-');
    const fonts = findReportFonts();
    const script = reportWorkerScript();
    await writeAtomically(path.join(folder, 'first.pdf'), (out) => renderJobReportInWorker(minimalReport('First report'), fonts, out, { idleMs: 60_000 }));
    const afterFirst = reportWorkersStarted();
    expect(reportWorkerIdle(script)).toBe(true);
    await writeAtomically(path.join(folder, 'second.pdf'), (out) => renderJobReportInWorker(minimalReport('Second report'), fonts, out, { idleMs: 300 }));
    expect(reportWorkersStarted()).toBe(afterFirst);
    expect(pdfText(path.join(folder, 'second.pdf'))).toContain('Second report');
    await expect.poll(() => reportWorkerIdle(script), { timeout: 20_000, interval: 50 }).toBe(false);

    // A kept worker that breaks on its next report: a plain error, and the report after it gets a new worker.
    const flaky = path.join(FIXTURES, 'flaky-report-worker.ts');
    await writeAtomically(path.join(folder, 'empty.pdf'), (out) => renderJobReportInWorker(minimalReport(), fonts, out, { script: flaky }));
    const kept = reportWorkersStarted();
    const error = await failedExport(folder, (out) => renderJobReportInWorker(minimalReport(), fonts, out, { script: flaky }));
    expect(error.message).toBe('The PDF report could not be made: its renderer failed (kept renderer broke). Nothing was saved; try again.');
    expect(reportWorkersStarted()).toBe(kept);
    await writeAtomically(path.join(folder, 'again.pdf'), (out) => renderJobReportInWorker(minimalReport(), fonts, out, { script: flaky, idleMs: 0 }));
    expect(reportWorkersStarted()).toBe(kept + 1);
  });

  it('a kept worker never holds the process open: a script that made one report ends long before the idle time', async () => {
    const started = Date.now();
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(FIXTURES, 'render-once.ts')], { timeout: 50_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    expect(JSON.parse(output)).toMatchObject({ idle: true, bytes: expect.any(Number) as number });
    expect(JSON.parse(output).bytes).toBeGreaterThan(1000);
    // The idle time is 60 s: the process ended by itself well before it.
    expect(Date.now() - started).toBeLessThan(55_000);
  }, 60_000);

  it('a worker that crashes mid-render is a plain error and leaves no temp file', async () => {
    const folder = tempDir('fieldbook-worker-');
    const error = await failedExport(folder, async (out) =>
      renderJobReportInWorker(await report(0), findReportFonts(), out, { script: path.join(FIXTURES, 'crashing-report-worker.ts') }),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('The PDF report could not be made: its renderer failed (renderer blew up). Nothing was saved; try again.');
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a worker that hangs is stopped at the time limit, with a plain error and no temp file', async () => {
    const folder = tempDir('fieldbook-worker-');
    const started = Date.now();
    const error = await failedExport(folder, async (out) =>
      renderJobReportInWorker(await report(0), findReportFonts(), out, { script: path.join(FIXTURES, 'hanging-report-worker.ts'), timeLimitMs: 3_000 }),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/^Making the PDF report took longer than 3 s, so it was stopped and nothing was saved\./);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a disk that fails while the worker streams the PDF stops it with the disk’s words and no temp file', async () => {
    const folder = tempDir('fieldbook-worker-');
    const error = await failedExport(folder, async (out) => {
      // Fail the file stream as soon as the first chunk of the PDF reaches it.
      const write = out.write.bind(out) as (chunk: Buffer) => boolean;
      out.write = ((chunk: Buffer) => {
        const accepted = write(chunk);
        out.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        return accepted;
      }) as typeof out.write;
      await renderJobReportInWorker(await report(2), findReportFonts(), out);
    });
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toBe('Could not save “report.pdf”: the disk is full. Nothing was saved; choose another place or free some space and try again.');
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
