/**
 * The report worker thread: lays out the PDF (pdfkit parses and subsets the
 * fonts synchronously, for up to a second and more) off main's event loop and
 * posts the bytes back. Started by report-render.ts, which keeps it for the
 * next report a while (pdfkit then loads once); built beside main.js.
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors.js';
import type { JobReport } from './report-data.js';
import type { ReportImage } from './report-media.js';
import { renderJobReport } from './report-pdf.js';
import { ownBuffer, type FromReportWorker, type ReportWorkerInput, type ToReportWorker } from './report-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('report-worker.ts runs only as a worker thread');

/** Structured clone turns a Buffer into a plain Uint8Array; pdfkit embeds only Buffers. */
function revive(image: ReportImage): ReportImage {
  const bytes = image.data as Uint8Array;
  return { ...image, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function revived(report: JobReport): JobReport {
  return {
    ...report,
    jobPhotos: report.jobPhotos.map(revive),
    itemPhotos: new Map([...report.itemPhotos].map(([id, photos]) => [id, photos.map(revive)])),
    signature: report.signature ? revive(report.signature) : null,
  };
}

const post = (message: FromReportWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let acknowledge: (() => void) | null = null;

/** Posts what pdfkit wrote since the last acknowledgement as one chunk, in its own (transferable) buffer. */
function streamToMain(): Writable {
  return new Writable({
    highWaterMark: 1024 * 1024,
    writev(chunks, callback) {
      const total = chunks.reduce((sum, { chunk }) => sum + (chunk as Buffer).length, 0);
      const data = Buffer.allocUnsafeSlow(total);
      let at = 0;
      for (const { chunk } of chunks) at += (chunk as Buffer).copy(data, at);
      acknowledge = () => callback();
      const own = ownBuffer(data);
      post({ type: 'chunk', data }, own ? [own] : []);
    },
  });
}

async function render({ report, fonts }: ReportWorkerInput): Promise<void> {
  try {
    const toMain = streamToMain();
    await renderJobReport(revived(report), fonts, toMain);
    await new Promise<void>((resolve, reject) => toMain.end((error?: Error | null) => (error ? reject(error) : resolve())));
    post({ type: 'done' });
  } catch (error) {
    const failed = error instanceof Error ? error : new Error(String(error));
    post({
      type: 'failed',
      message: failed.message,
      ...(failed instanceof AppError ? { code: failed.code, ...(failed.field !== undefined ? { field: failed.field } : {}) } : {}),
    });
  }
}

port.on('message', (message: ToReportWorker) => {
  if (message.type === 'render') {
    void render(message);
    return;
  }
  const next = acknowledge;
  acknowledge = null;
  next?.();
});
