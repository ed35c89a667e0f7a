/**
 * The on-disk format of the edit journal: a 16-byte header (magic, format
 * version, CRC32 of both) followed by records framed as
 * [u32 payload length][u32 CRC32 of payload][payload: one change row as UTF-8 JSON].
 * A record whose checksum fails is skipped; a frame that runs past the end of
 * the file (a crash mid-append) ends the readable part.
 */
import zlib from 'node:zlib';
import type { ChangeRow } from '../changes/projection.js';

export const JOURNAL_MAGIC = Buffer.from('FBJOURNL', 'latin1');
export const JOURNAL_VERSION = 1;
export const HEADER_BYTES = 16;
const FRAME_BYTES = 8;
/** No change row comes near this; a larger length is garbage, not a record. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const CHANGE_FIELDS = ['id', 'entity', 'entity_id', 'kind', 'hlc', 'device_id', 'actor', 'fields', 'created_at'] as const;

export class JournalVersionError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(
      `The edit journal ${file} was written in format version ${version}, which this version of Fieldbook ` +
        `(format ${JOURNAL_VERSION}) cannot read. Update Fieldbook; the file is left as it is.`,
    );
    this.name = 'JournalVersionError';
  }
}

export function encodeHeader(version = JOURNAL_VERSION): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  JOURNAL_MAGIC.copy(header, 0);
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(zlib.crc32(header.subarray(0, 12)), 12);
  return header;
}

export type HeaderCheck = { kind: 'ok' } | { kind: 'empty' } | { kind: 'not-a-journal' } | { kind: 'unknown-version'; version: number };

export function checkHeader(data: Buffer): HeaderCheck {
  if (data.length === 0) return { kind: 'empty' };
  if (data.length < HEADER_BYTES) {
    // A crash while the header itself was written: nothing was ever journaled after it.
    return JOURNAL_MAGIC.subarray(0, data.length).equals(data.subarray(0, JOURNAL_MAGIC.length)) ? { kind: 'empty' } : { kind: 'not-a-journal' };
  }
  if (!data.subarray(0, 8).equals(JOURNAL_MAGIC)) return { kind: 'not-a-journal' };
  if (data.readUInt32LE(12) !== zlib.crc32(data.subarray(0, 12))) return { kind: 'not-a-journal' };
  const version = data.readUInt32LE(8);
  return version === JOURNAL_VERSION ? { kind: 'ok' } : { kind: 'unknown-version', version };
}

export function encodeRecord(row: ChangeRow): Buffer {
  // Fields in a fixed order with the id first, so reading the index needs no JSON parse (idOf below).
  const ordered = Object.fromEntries(CHANGE_FIELDS.map((f) => [f, row[f]]));
  const payload = Buffer.from(JSON.stringify(ordered), 'utf8');
  const frame = Buffer.alloc(FRAME_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(zlib.crc32(payload), 4);
  payload.copy(frame, FRAME_BYTES);
  return frame;
}

export interface DecodedRecord {
  id: string;
  /** The whole row, when it was asked for. */
  row: ChangeRow | null;
  /** Byte offset of the record's frame. */
  start: number;
  /** Byte offset just past this record. */
  end: number;
}

export interface DecodedJournal {
  records: DecodedRecord[];
  /** Offset past the last whole frame: appends continue here. */
  validEnd: number;
  /** Whole frames whose checksum or content was wrong (skipped). */
  corrupt: number;
  /** Bytes after validEnd that form no whole frame (a torn append). */
  tornBytes: number;
}

function asChangeRow(value: unknown): ChangeRow | null {
  if (!value || typeof value !== 'object') return null;
  const row = value as Record<string, unknown>;
  for (const field of CHANGE_FIELDS) if (typeof row[field] !== 'string') return null;
  return Object.fromEntries(CHANGE_FIELDS.map((f) => [f, row[f]])) as unknown as ChangeRow;
}

const ID_PREFIX = Buffer.from('{"id":"', 'utf8');

function parseRow(payload: Buffer): ChangeRow | null {
  try {
    return asChangeRow(JSON.parse(payload.toString('utf8')));
  } catch {
    return null;
  }
}

/** The change id at the head of a payload, without parsing the rest. */
function idOf(payload: Buffer): string | null {
  if (payload.subarray(0, ID_PREFIX.length).equals(ID_PREFIX)) {
    const close = payload.indexOf(0x22, ID_PREFIX.length);
    if (close > ID_PREFIX.length) return payload.toString('utf8', ID_PREFIX.length, close);
  }
  return parseRow(payload)?.id ?? null;
}

/**
 * Decode everything after a valid header. Checksums are always checked; whole
 * rows are parsed only for the ids `wantRow` accepts (none by default: opening
 * a journal of 100,000 edits must stay quick).
 */
export function decodeRecords(data: Buffer, wantRow: (id: string) => boolean = () => false): DecodedJournal {
  const records: DecodedRecord[] = [];
  let offset = HEADER_BYTES;
  let corrupt = 0;
  while (offset + FRAME_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + FRAME_BYTES + length;
    if (length === 0 || length > MAX_RECORD_BYTES || end > data.length) break;
    const payload = data.subarray(offset + FRAME_BYTES, end);
    const id = zlib.crc32(payload) === data.readUInt32LE(offset + 4) ? idOf(payload) : null;
    const row = id !== null && wantRow(id) ? parseRow(payload) : null;
    if (id === null || (row === null && wantRow(id))) corrupt += 1;
    else records.push({ id, row, start: offset, end });
    offset = end;
  }
  return { records, validEnd: offset, corrupt, tornBytes: data.length - offset };
}
