/**
 * The edit journal: every local edit's `changes` row, appended to a file
 * beside the replica (outside the engine) once its transaction has committed
 * and before the handler answers, fsynced. It is what recovery re-applies when
 * the replica's own files are lost or damaged, so records are dropped only
 * once the primary is known to hold them.
 *
 * An append is synchronous on purpose: an edit is on disk before its
 * handler's promise resolves, and two appends never interleave. `open` and the
 * trim (`drop`) are asynchronous: their fsyncs of a new file and of the folder
 * wait for the disk (hundreds of ms when the page cache holds gigabytes just
 * written), a wait that must not hold the event loop while the app starts or
 * syncs. The trim's rename and the copy of appends made meanwhile are one
 * synchronous step, so no append can fall between the old file and the new.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openForAppend, readIfPresent, syncDir, syncPath } from '../fs/durable-io.js';
import type { ChangeRow } from '../changes/projection.js';
import type { TransactionObserver } from '../db/database.js';
import { checkHeader, decodeRecords, encodeHeader, encodeRecord, HEADER_BYTES, JournalVersionError } from './journal-format.js';

export interface JournalEntry {
  id: string;
  /** Byte offset just past the record: a record is covered by a mark >= end. */
  end: number;
}

/** Where the journal ended at some moment (taken before a push). */
export interface JournalMark {
  /** Bumped by every rewrite: a mark from before one no longer matches byte offsets. */
  generation: number;
  end: number;
}

export interface JournalOpenReport {
  /** Records skipped because their checksum or content was wrong. */
  corrupt: number;
  /** A torn last append was cut off. */
  tornTail: boolean;
  /** The file was not a journal at all and was moved to this path (kept, never deleted). */
  movedAside: string | null;
}

/** `fieldbook.db` → `fieldbook.journal`, in the same folder. */
export function journalPath(replicaPath: string): string {
  const parsed = path.parse(replicaPath);
  return path.join(parsed.dir, `${parsed.name}.journal`);
}

function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; there the rename is durable enough.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readRange(file: string, from: number, to: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    for (let read = 0; read < buffer.length; ) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, from + read);
      if (n === 0) throw new Error(`${file} ended at ${from + read} bytes, expected ${to}`);
      read += n;
    }
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

function appendAndSync(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'a');
  try {
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export class EditJournal implements TransactionObserver {
  private fd: number | null;
  private entries: JournalEntry[];
  private size: number;
  private generation = 0;
  private staged: ChangeRow[] = [];
  /** Committed edits whose append failed (disk full, I/O error): written before the next ones. */
  private unwritten: ChangeRow[] = [];
  /** A rewrite (drop) is under way: a second one waits for the next sync. */
  private dropping = false;
  /** A rewrite renamed the file and its folder's fsync has not finished yet. */
  private folderSyncPending = false;

  private constructor(
    readonly file: string,
    decoded: { entries: JournalEntry[]; size: number },
    readonly openReport: JournalOpenReport,
    private readonly onError: (message: string, error: unknown) => void,
    fd: number,
  ) {
    this.entries = decoded.entries;
    this.size = decoded.size;
    this.fd = fd;
  }

  /**
   * Open (or create) the journal. A torn tail is cut off; a file that is not a
   * journal is moved aside and a new one started; a journal from a newer format
   * version is refused (JournalVersionError), never overwritten.
   */
  static async open(file: string, onError: (message: string, error: unknown) => void = () => undefined): Promise<EditJournal> {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const report: JournalOpenReport = { corrupt: 0, tornTail: false, movedAside: null };
    let data = await readIfPresent(file);
    const header = checkHeader(data);
    if (header.kind === 'unknown-version') throw new JournalVersionError(file, header.version);
    if (header.kind === 'not-a-journal') {
      const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.promises.rename(file, aside);
      report.movedAside = aside;
      data = Buffer.alloc(0);
    }
    if (header.kind !== 'ok') {
      // Same order as ever, only off the loop: header on disk, then the rename, then the folder entry.
      const tmp = `${file}.tmp`;
      await fs.promises.writeFile(tmp, encodeHeader(), { mode: 0o600 });
      await syncPath(tmp, 'r+', 'datasync');
      await fs.promises.rename(tmp, file);
      await syncDir(path.dirname(file));
      return new EditJournal(file, { entries: [], size: HEADER_BYTES }, report, onError, await openForAppend(file, 0o600));
    }
    const decoded = decodeRecords(data);
    report.corrupt = decoded.corrupt;
    if (decoded.tornBytes > 0) {
      // Appends must continue after the last whole record, not after half of one.
      await fs.promises.truncate(file, decoded.validEnd);
      report.tornTail = true;
    }
    const entries = decoded.records.map((r) => ({ id: r.id, end: r.end }));
    return new EditJournal(file, { entries, size: decoded.validEnd }, report, onError, await openForAppend(file, 0o600));
  }

  /** Told by recordEdit, inside the transaction: appended only if that transaction commits. */
  stage(row: ChangeRow): void {
    this.staged.push(row);
  }

  committed(): void {
    const rows = [...this.unwritten, ...this.staged];
    this.staged = [];
    if (rows.length === 0) return;
    this.append(rows);
  }

  rolledBack(): void {
    this.staged = [];
  }

  /** Append rows and fsync; on failure they are kept in memory and tried again with the next commit. */
  append(rows: readonly ChangeRow[]): void {
    const frames = rows.map(encodeRecord);
    const buffer = Buffer.concat(frames);
    try {
      if (this.fd === null) throw new Error('the journal is closed');
      // A write may be short (a signal, a full disk): write the rest before syncing.
      for (let written = 0; written < buffer.length; ) written += fs.writeSync(this.fd, buffer, written);
      fs.fdatasyncSync(this.fd);
      // A rewrite's rename not yet on disk would leave this record in a file no folder names after a crash.
      if (this.folderSyncPending) {
        fsyncDir(path.dirname(this.file));
        this.folderSyncPending = false;
      }
    } catch (error) {
      this.unwritten = [...rows];
      // A partial write would sit in front of later records: cut it off.
      try {
        if (this.fd !== null) fs.ftruncateSync(this.fd, this.size);
      } catch {
        // the next open cuts a torn tail anyway
      }
      this.onError(`could not append ${rows.length} edit(s) to the journal ${this.file}`, error);
      return;
    }
    this.unwritten = [];
    let end = this.size;
    rows.forEach((row, i) => {
      end += frames[i]!.length;
      this.entries.push({ id: row.id, end });
    });
    this.size = end;
  }

  /** The journal's current end: a mark taken before a push covers every record then on disk. */
  mark(): JournalMark {
    return { generation: this.generation, end: this.size };
  }

  get count(): number {
    return this.entries.length;
  }

  /** Ids of the records a mark covers. */
  idsUpTo(mark: JournalMark): string[] {
    if (mark.generation !== this.generation) return [];
    return this.entries.filter((e) => e.end <= mark.end).map((e) => e.id);
  }

  /** Ids of every record, oldest first (from memory: no file read). */
  ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /** Every readable record, oldest first, or only those with the given ids. */
  records(only?: ReadonlySet<string>): ChangeRow[] {
    if (this.entries.length === 0 || only?.size === 0) return [];
    const decoded = decodeRecords(fs.readFileSync(this.file), only ? (id) => only.has(id) : () => true);
    return decoded.records.flatMap((r) => (r.row ? [r.row] : []));
  }

  /**
   * Drop the records a mark covers whose ids are in `onPrimary`, keeping every
   * other record (among them those appended since the mark). Rewrites to a
   * temp file, fsyncs it and renames it over the journal, then fsyncs the
   * folder. The read, the temp file's fsync and the folder's run through the
   * threadpool (on a busy disk each waits long); edits go on meanwhile:
   * appends made while the temp file was written are copied into it in the
   * same synchronous step as the rename, and an append made before the
   * folder's fsync finished syncs the folder itself before it counts.
   */
  async drop(mark: JournalMark, onPrimary: ReadonlySet<string>): Promise<number> {
    if (mark.generation !== this.generation || this.dropping) return 0;
    this.dropping = true;
    const tmp = `${this.file}.tmp`;
    try {
      // Whole records only: every append is one synchronous step, so the file holds exactly `upTo` bytes of them now.
      const upTo = this.size;
      const data = (await readIfPresent(this.file)).subarray(0, upTo);
      const decoded = decodeRecords(data);
      const kept: Buffer[] = [encodeHeader()];
      const keptEntries: JournalEntry[] = [];
      let size = HEADER_BYTES;
      let dropped = 0;
      for (const record of decoded.records) {
        const frame = data.subarray(record.start, record.end);
        if (record.end <= mark.end && onPrimary.has(record.id)) {
          dropped += 1;
          continue;
        }
        kept.push(frame);
        size += frame.length;
        keptEntries.push({ id: record.id, end: size });
      }
      if (dropped === 0) return 0;
      await fs.promises.writeFile(tmp, Buffer.concat(kept), { mode: 0o600 });
      await syncPath(tmp, 'r+', 'datasync');
      if (this.fd === null || mark.generation !== this.generation) {
        await fs.promises.rm(tmp, { force: true });
        return 0;
      }
      // From here to the new descriptor nothing awaits: no append can land in between.
      if (this.size > upTo) {
        const tail = readRange(this.file, upTo, this.size);
        appendAndSync(tmp, tail);
        for (const entry of this.entries) if (entry.end > upTo) keptEntries.push({ id: entry.id, end: size + (entry.end - upTo) });
        size += tail.length;
      }
      fs.closeSync(this.fd);
      try {
        fs.renameSync(tmp, this.file);
      } finally {
        // The new file after a rename, the old one (all its records kept) if it failed.
        this.fd = fs.openSync(this.file, 'a', 0o600);
      }
      this.entries = keptEntries;
      this.size = size;
      this.generation += 1;
      this.folderSyncPending = true;
      await this.syncFolder();
      return dropped;
    } finally {
      this.dropping = false;
    }
  }

  /** The rename's folder entry to disk; an append made meanwhile does it itself (see append). */
  private async syncFolder(): Promise<void> {
    await syncDir(path.dirname(this.file));
    this.folderSyncPending = false;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
