/**
 * Messages between main and the report worker (report-worker.ts). Main hands
 * each gathered report over in a `render` message (one at a time: a worker
 * renders one report, then waits for the next); the worker answers the PDF in chunks,
 * each acknowledged once main's file stream has taken it, so a slow disk slows
 * the worker instead of piling the whole PDF up in main's memory.
 */
import type { ErrorCode } from '../../../../shared/errors.js';
import type { JobReport } from './report-data.js';
import type { ReportFonts } from './report-fonts.js';

export interface ReportWorkerInput {
  report: JobReport;
  fonts: ReportFonts;
}

export type FromReportWorker =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done' }
  | { type: 'failed'; message: string; code?: ErrorCode; field?: string };

export type ToReportWorker = { type: 'ack' } | ({ type: 'render' } & ReportWorkerInput);

/** The ArrayBuffer to transfer when `bytes` own all of it; a slice of a shared pool must be copied. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? buffer : null;
}
