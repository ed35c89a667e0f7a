/**
 * Renders a job report in a worker thread (report-worker.ts), so pdfkit's
 * synchronous font parsing and subsetting (0.3–1.4 s) never holds main's event
 * loop, which serves every window. Main only copies the worker's chunks into
 * the file stream. A worker that crashes or runs past the time limit is
 * stopped and answered as an error, so writeAtomically removes the temp file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors.js';
import type { JobReport } from './report-data.js';
import type { ReportFonts } from './report-fonts.js';
import { ownBuffer, type FromReportWorker, type ReportWorkerInput, type ToReportWorker } from './report-worker-protocol.js';

/** Far above the 20-photo report's 1.5 s on a loaded machine; only a stuck worker reaches it. */
export const REPORT_TIME_LIMIT_MS = 120_000;

export interface RenderOptions {
  /** The worker script; the built one beside main.js by default, else the source. */
  script?: string;
  timeLimitMs?: number;
}

/** `report-worker.js` beside the bundle (dist/electron/, built by scripts/build-main.ts), else the source. */
export function reportWorkerScript(moduleUrl: string = import.meta.url): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  const built = path.join(dir, 'report-worker.js');
  return fs.existsSync(built) ? built : path.join(dir, 'report-worker.ts');
}

/**
 * A worker thread takes no `--import` loader in Node 20, so a `.ts` script is started from a
 * one-line module that registers tsx's ESM hooks in that thread first (tests, the browser host).
 */
function startWorker(script: string, options: { workerData: ReportWorkerInput; transferList: ArrayBuffer[] }): Worker {
  if (!fs.existsSync(script)) {
    throw new AppError('INTERNAL', `The PDF report’s renderer (${path.parse(script).name}) is missing from this installation, so no PDF can be made; reinstall Fieldbook.`);
  }
  if (!script.endsWith('.ts')) return new Worker(script, options);
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(script).href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** The photo and signature bytes that can move to the worker instead of being copied. */
function transferable(report: JobReport): ArrayBuffer[] {
  const images = [...report.jobPhotos, ...[...report.itemPhotos.values()].flat(), ...(report.signature ? [report.signature] : [])];
  const buffers = new Set<ArrayBuffer>();
  for (const image of images) {
    const own = ownBuffer(image.data);
    if (own) buffers.add(own);
  }
  return [...buffers];
}

function workerFailure(message: Extract<FromReportWorker, { type: 'failed' }>): Error {
  if (message.code) return new AppError(message.code, message.message, message.field);
  return new Error(`The PDF report could not be made: ${message.message}`);
}

/**
 * Writes the report's PDF into `out` and resolves once the last byte is handed to it. The photo
 * bytes that own their memory are moved to the worker: after this call the report's images are
 * empty, so a caller must not reuse them.
 */
export function renderJobReportInWorker(report: JobReport, fonts: ReportFonts, out: Writable, options: RenderOptions = {}): Promise<void> {
  const timeLimitMs = options.timeLimitMs ?? REPORT_TIME_LIMIT_MS;
  const worker = startWorker(options.script ?? reportWorkerScript(), { workerData: { report, fonts }, transferList: transferable(report) });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      out.off('error', onStreamError);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onStreamError = (error: Error) => settle(error);
    const timer = setTimeout(() => {
      settle(new AppError('INTERNAL', `Making the PDF report took longer than ${Math.round(timeLimitMs / 1000)} s, so it was stopped and nothing was saved. Try again; if it happens again, report it with the job's name.`));
    }, timeLimitMs);
    out.once('error', onStreamError);
    const ack = () => {
      if (!settled) worker.postMessage({ type: 'ack' } satisfies ToReportWorker);
    };
    worker.on('message', (message: FromReportWorker) => {
      if (settled) return;
      if (message.type === 'chunk') {
        const { data } = message;
        if (out.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) ack();
        else out.once('drain', ack);
      } else if (message.type === 'done') settle(null);
      else settle(workerFailure(message));
    });
    worker.once('error', (error) => settle(new AppError('INTERNAL', `The PDF report could not be made: its renderer failed (${error.message}). Nothing was saved; try again.`)));
    worker.once('exit', (code) => settle(new AppError('INTERNAL', `The PDF report could not be made: its renderer stopped unexpectedly (exit code ${code}). Nothing was saved; try again.`)));
  });
}
