/**
 * One CSV dialect for every export: UTF-8 with a byte-order mark (Excel then
 * reads it as UTF-8), CRLF records (RFC 4180), quotes where a value needs them
 * (comma, quote, CR or LF), and csv-stringify's formula escaping: a text value
 * starting with = + - @ tab or CR (or their full-width forms) gets a leading
 * apostrophe, so a spreadsheet shows it instead of running it. Numbers are
 * written as numbers (a negative measurement stays -3.5).
 *
 * Rows are formatted a page at a time with csv-stringify's synchronous API and
 * written as one chunk per page: streaming them one record at a time through
 * a Transform cost more than the formatting itself (a push, a stream turn and
 * a file write per row, 100,000 of each for the job list).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify/sync';

export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null;
}

/** Rows per formatted chunk when rows come one by one (writeCsv). */
export const CSV_BATCH = 250;

/** Rows one by one, in arrays of up to `size` (writeCsv's callers hand rows, the writer formats pages). */
async function* batches<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function dialect(headers: string[], first: boolean): Options {
  // The BOM and header go with the first chunk only; every record ends with CRLF (eof), so chunks join cleanly.
  return { bom: first, header: first, columns: headers, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true, eof: true };
}

/** Resolves once `out` takes more (at once, or on 'drain'); rejects when it failed or closed meanwhile. */
function write(out: Writable, text: string): Promise<void> {
  if (out.errored) return Promise.reject(out.errored);
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('the export file was closed before the export was written'));
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', done);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(out.errored ?? new Error('the export file was closed before the export was written'));
    out.on('drain', onDrain);
    out.on('error', done);
    out.on('close', onClose);
  });
}

/**
 * Streams pages of rows as CSV into `out` (left open for the caller to end), one write per page,
 * with a turn of the event loop between pages; resolves with the number of data rows.
 */
export async function writeCsvPages<R>(pages: AsyncIterable<readonly R[]>, columns: readonly CsvColumn<R>[], out: Writable): Promise<number> {
  const headers = columns.map((column) => column.header);
  const values = columns.map((column) => column.value);
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const records = page.map((row) => values.map((value) => value(row) ?? ''));
    await write(out, stringify(records, dialect(headers, count === 0)));
    count += page.length;
    await yieldToLoop();
  }
  // Nothing to export still makes a valid file: the BOM and the header.
  if (count === 0) await write(out, stringify([], dialect(headers, true)));
  return count;
}

/** Streams `rows` as CSV into `out` (left open for the caller to end); resolves with the number of data rows. */
export function writeCsv<R>(rows: AsyncIterable<R>, columns: readonly CsvColumn<R>[], out: Writable): Promise<number> {
  return writeCsvPages(batches(rows, CSV_BATCH), columns, out);
}
