/**
 * Moves a database file's pages into its WAL, so `tursodb --sync-server` can
 * serve them. Its `/pull-updates` sends the pages of the WAL frames after the
 * client's revision (newest version of each page) and nothing from the main
 * file (read in the turso repository's sync server; a generated, checkpointed
 * file made a new laptop pull 9 bytes and read garbage). A primary that got its
 * data through pushes holds everything in its WAL, which it never checkpoints:
 * this gives a generated file the same shape.
 *
 * The WAL is SQLite's format (https://sqlite.org/fileformat2.html#walformat):
 * a 32-byte header, then one frame per page (24-byte header + page), one
 * commit at the last frame, checksums in little-endian words (magic
 * 0x377f0682), as SQLite writes them on x86.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

const WAL_MAGIC_LE = 0x377f0682;
const WAL_VERSION = 3007000;
const FRAMES_PER_WRITE = 256;

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function checksum(data: Uint8Array, s: [number, number]): [number, number] {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  let s0 = s[0];
  let s1 = s[1];
  for (let i = 0; i < words.length; i += 2) {
    s0 = (s0 + words[i]! + s1) >>> 0;
    s1 = (s1 + words[i + 1]! + s0) >>> 0;
  }
  return [s0, s1];
}

export interface WalWriteReport {
  pages: number;
  walBytes: number;
}

/**
 * Writes `${file}-wal` holding every page of `file` as committed frames, then
 * cuts the main file down to its first page (the header, which readers check
 * before they look at the WAL). `file` must be closed and fully checkpointed.
 */
export function moveIntoWal(file: string): WalWriteReport {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('moveIntoWal writes little-endian checksums and needs a little-endian machine');
  const walFile = `${file}-wal`;
  if (fs.existsSync(walFile) && fs.statSync(walFile).size > 0) throw new Error(`${walFile} is not empty: checkpoint and close the database first`);
  const fd = fs.openSync(file, 'r+');
  const out = fs.openSync(walFile, 'w');
  try {
    const header = Buffer.alloc(100);
    fs.readSync(fd, header, 0, 100, 0);
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const size = fs.fstatSync(fd).size;
    if (size % pageSize !== 0) throw new Error(`${file}: size ${size} is not a whole number of ${pageSize}-byte pages`);
    const pages = size / pageSize;

    const salt = crypto.randomBytes(8);
    const walHeader = Buffer.alloc(32);
    walHeader.writeUInt32BE(WAL_MAGIC_LE, 0);
    walHeader.writeUInt32BE(WAL_VERSION, 4);
    walHeader.writeUInt32BE(pageSize, 8);
    walHeader.writeUInt32BE(0, 12);
    salt.copy(walHeader, 16);
    let sum = checksum(walHeader.subarray(0, 24), [0, 0]);
    walHeader.writeUInt32BE(sum[0], 24);
    walHeader.writeUInt32BE(sum[1], 28);
    fs.writeSync(out, walHeader);

    const frameSize = 24 + pageSize;
    const chunk = Buffer.alloc(FRAMES_PER_WRITE * frameSize);
    for (let first = 1; first <= pages; first += FRAMES_PER_WRITE) {
      const count = Math.min(FRAMES_PER_WRITE, pages - first + 1);
      for (let i = 0; i < count; i++) {
        const pageNo = first + i;
        const frame = chunk.subarray(i * frameSize, (i + 1) * frameSize);
        fs.readSync(fd, frame, 24, pageSize, (pageNo - 1) * pageSize);
        frame.writeUInt32BE(pageNo, 0);
        frame.writeUInt32BE(pageNo === pages ? pages : 0, 4);
        salt.copy(frame, 8);
        sum = checksum(frame.subarray(0, 8), sum);
        sum = checksum(frame.subarray(24), sum);
        frame.writeUInt32BE(sum[0], 16);
        frame.writeUInt32BE(sum[1], 20);
      }
      fs.writeSync(out, chunk, 0, count * frameSize);
    }
    fs.fsyncSync(out);
    fs.ftruncateSync(fd, pageSize);
    return { pages, walBytes: 32 + pages * frameSize };
  } finally {
    fs.closeSync(out);
    fs.closeSync(fd);
  }
}
