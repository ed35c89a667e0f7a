/**
 * Renders a job report in a worker thread (report-worker.ts), so pdfkit's
 * synchronous font parsing and subsetting (0.3–1.4 s) never holds main's event
 * loop, which serves every window. Main only copies the worker's chunks into
 * the file stream. A worker that crashes or runs past the time limit is
 * stopped and answered as an error, so writeAtomically removes the temp file.
 *
 * A worker that finished a report is kept idle for the next one (pdfkit and
 * its fonts then load once, not per report) until REPORT_WORKER_IDLE_MS pass;
 * while idle it is unref'd, so it never holds the process open. A worker that
 * failed in any way but a report's own refusal is stopped, never reused.
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
import { ownBuffer, type FromReportWorker, type ToReportWorker } from './report-worker-protocol.js';

/** Far above the 20-photo report's 1.5 s on a loaded machine; only a stuck worker reaches it. */
export const REPORT_TIME_LIMIT_MS = 120_000;

/** How long a worker waits, idle, for the next report before it is stopped. */
export const REPORT_WORKER_IDLE_MS = 60_000;

export interface RenderOptions {
  /** The worker script; the built one beside main.js by default, else the source. */
  script?: string;
  timeLimitMs?: number;
  idleMs?: number;
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
function startWorker(script: string): Worker {
  if (!fs.existsSync(script)) {
    throw new AppError('INTERNAL', `The PDF report’s renderer (${path.parse(script).name}) is missing from this installation, so no PDF can be made; reinstall Fieldbook.`);
  }
  started += 1;
  if (!script.endsWith('.ts')) return new Worker(script);
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(script).href)}); });`;
  return new Worker(code, { eval: true });
}

let started = 0;
/** Per worker script, the one worker waiting for a report, and the timer that stops it. */
const idle = new Map<string, { worker: Worker; timer: NodeJS.Timeout }>();

/** How many report workers this process has started (tests: a second report reuses the first's). */
export function reportWorkersStarted(): number {
  return started;
}

/** Whether a worker waits for the next report (tests: the idle timeout stops it). */
export function reportWorkerIdle(script: string = reportWorkerScript()): boolean {
  return idle.has(script);
}

/** The idle worker for `script`, or a new one. */
function takeWorker(script: string): Worker {
  const kept = idle.get(script);
  if (!kept) return startWorker(script);
  idle.delete(script);
  clearTimeout(kept.timer);
  kept.worker.removeAllListeners('exit');
  kept.worker.ref();
  return kept.worker;
}

/** Keeps a worker that finished cleanly for the next report; one idle worker per script is enough. */
function keepWorker(script: string, worker: Worker, idleMs: number): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  if (idle.has(script) || idleMs <= 0) {
    void worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    idle.delete(script);
    void worker.terminate();
  }, idleMs);
  timer.unref();
  worker.unref();
  // An idle worker that dies (it should not) is simply forgotten; the next report starts another.
  worker.once('exit', () => {
    if (idle.get(script)?.worker === worker) {
      clearTimeout(timer);
      idle.delete(script);
    }
  });
  idle.set(script, { worker, timer });
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
  const script = options.script ?? reportWorkerScript();
  const worker = takeWorker(script);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    /** `reusable`: the worker answered the whole report (done, or a refusal of its own) and waits for the next. */
    const settle = (error: Error | null, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      out.off('error', onStreamError);
      if (reusable) keepWorker(script, worker, options.idleMs ?? REPORT_WORKER_IDLE_MS);
      else {
        worker.removeAllListeners();
        void worker.terminate();
      }
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
      } else if (message.type === 'done') settle(null, true);
      else settle(workerFailure(message), true);
    });
    worker.once('error', (error) => settle(new AppError('INTERNAL', `The PDF report could not be made: its renderer failed (${error.message}). Nothing was saved; try again.`)));
    worker.once('exit', (code) => settle(new AppError('INTERNAL', `The PDF report could not be made: its renderer stopped unexpectedly (exit code ${code}). Nothing was saved; try again.`)));
    worker.postMessage({ type: 'render', report, fonts } satisfies ToReportWorker, transferable(report));
  });
}
