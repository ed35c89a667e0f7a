/**
 * One CSV dialect for every export: UTF-8 with a byte-order mark (Excel then
 * reads it as UTF-8), CRLF records (RFC 4180), quotes where a value needs them
 * (comma, quote, CR or LF), and csv-stringify's formula escaping: a text value
 * starting with = + - @ tab or CR (or their full-width forms) gets a leading
 * apostrophe, so a spreadsheet shows it instead of running it. Numbers are
 * written as numbers (a negative measurement stays -3.5).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null;
}

/** Rows come in pages; between two pages the loop gets a turn, so a long export never holds it. */
export async function* paged<T>(pages: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const page of pages) {
    for (const row of page) yield row;
    await yieldToLoop();
  }
}

/** Streams `rows` as CSV into `out` (left open for the caller to end); resolves with the number of data rows. */
export async function writeCsv<R>(rows: AsyncIterable<R>, columns: readonly CsvColumn<R>[], out: Writable): Promise<number> {
  let count = 0;
  const records = Readable.from(
    (async function* () {
      for await (const row of rows) {
        count += 1;
        yield columns.map((column) => column.value(row) ?? '');
      }
    })(),
  );
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => column.header),
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
  await pipeline(records, stringifier, out, { end: false });
  return count;
}
