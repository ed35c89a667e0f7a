/**
 * The durable upload queue: which originals this laptop still has to send
 * to the object store. Local to the laptop, so it cannot be a table in the
 * replica (every table there is pushed to the team). It is a JSON-lines
 * journal beside the replica, `uploads.local.jsonl`: each state change is one
 * appended line, fsynced before it counts, and the newest line per hash wins.
 * A line cut off by SIGKILL or power loss is skipped when the file is read.
 * At start (and when the journal has grown) it is rewritten compactly with
 * temp + fsync + rename; at start through the threadpool (`UploadQueue.open`),
 * as that fsync can wait long on a disk busy with other writes. No second
 * database engine and no new native module are needed for a few hundred small
 * records.
 *
 * An entry found "uploading" at start was interrupted: it is waiting again.
 * Uploads are idempotent by hash, so sending it once more never duplicates.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UploadEntry, UploadState } from '../../../shared/domain/attachments.js';
import { openForAppend, readIfPresent } from '../fs/durable-io.js';
import { PRIVATE_FILE_MODE } from '../fs/private-files.js';

export const UPLOAD_QUEUE_FILE = 'uploads.local.jsonl';
/** Uploaded entries kept for the Sync screen after a compaction. */
const KEEP_UPLOADED = 20;

interface Line extends UploadEntry {
  /** Not shown: epoch ms of nextAttemptAt, for the scheduler. */
  due?: number;
}

export class UploadQueue {
  private readonly entries = new Map<string, Line>();
  /** null once closed: a closed fd number is soon reused (by the replica's own files), so it must never be written or closed again. */
  private fd: number | null;
  private lines = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly file: string,
    loaded: Map<string, Line>,
    fd: number,
  ) {
    for (const [hash, entry] of loaded) this.entries.set(hash, entry);
    this.lines = loaded.size;
    this.fd = fd;
  }

  /** Reads the queue, rewrites it compactly (fsynced) and opens it for appends, all without holding the event loop. */
  static async open(file: string): Promise<UploadQueue> {
    const entries = parseLines((await readIfPresent(file)).toString('utf8'));
    dropOldUploaded(entries);
    const tmp = `${file}.tmp-${process.pid}`;
    const handle = await fs.promises.open(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(compactBody(entries));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
    const fd = await openForAppend(file, PRIVATE_FILE_MODE);
    return new UploadQueue(file, entries, fd);
  }

  static inWorkspace(workspaceDir: string): Promise<UploadQueue> {
    return UploadQueue.open(path.join(workspaceDir, UPLOAD_QUEUE_FILE));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds an original to send; a hash already queued or sent is left as it is. */
  enqueue(sha256: string, byteSize: number): void {
    if (this.entries.has(sha256)) return;
    this.write({ sha256, state: 'waiting', byteSize, attempts: 0, lastError: null, nextAttemptAt: null, updatedAt: new Date().toISOString() });
  }

  mark(sha256: string, state: UploadState, details: { lastError?: string | null; retryAtMs?: number | null } = {}): void {
    const entry = this.entries.get(sha256);
    if (!entry) throw new Error(`upload ${sha256} is not queued`);
    const retryAt = details.retryAtMs ?? null;
    this.write({
      ...entry,
      state,
      attempts: state === 'uploading' ? entry.attempts + 1 : entry.attempts,
      lastError: state === 'uploaded' ? null : (details.lastError ?? (state === 'uploading' ? entry.lastError : null)),
      nextAttemptAt: retryAt === null ? null : new Date(retryAt).toISOString(),
      due: retryAt ?? undefined,
      updatedAt: new Date().toISOString(),
    });
  }

  get(sha256: string): UploadEntry | undefined {
    const entry = this.entries.get(sha256);
    return entry ? strip(entry) : undefined;
  }

  list(): UploadEntry[] {
    return [...this.entries.values()].map(strip).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** Originals not yet in the object store (they must never be evicted from this laptop). */
  pending(): string[] {
    return [...this.entries.values()].filter((e) => e.state !== 'uploaded').map((e) => e.sha256);
  }

  waitingCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.state !== 'uploaded') count += 1;
    return count;
  }

  /** The next entry to send at `nowMs` (oldest first), skipping those already in flight; else the earliest retry time. */
  next(nowMs: number, inFlight: ReadonlySet<string>): { sha256: string } | { wakeAtMs: number } | null {
    let wakeAt: number | null = null;
    for (const entry of this.entries.values()) {
      if (entry.state === 'uploaded' || inFlight.has(entry.sha256)) continue;
      if (entry.state === 'uploading' || entry.due === undefined || entry.due <= nowMs) return { sha256: entry.sha256 };
      wakeAt = wakeAt === null ? entry.due : Math.min(wakeAt, entry.due);
    }
    return wakeAt === null ? null : { wakeAtMs: wakeAt };
  }

  /** Makes every waiting entry due now (settings changed, the store is back). */
  retryAllNow(): void {
    for (const entry of this.entries.values()) if (entry.state !== 'uploaded' && entry.due !== undefined) entry.due = undefined;
  }

  /** Idempotent: closing twice would close whatever file reused the descriptor (a crash of the engine, seen). */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }

  private write(entry: Line): void {
    if (this.fd === null) throw new Error('the upload queue is closed');
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    // The state counts only once it is on disk: an upload marked done must stay done after a crash.
    fs.fdatasyncSync(this.fd);
    this.entries.set(entry.sha256, entry);
    this.lines += 1;
    if (this.lines > 4 * this.entries.size + 200) {
      fs.closeSync(this.fd);
      this.compact();
      this.fd = fs.openSync(this.file, 'a', PRIVATE_FILE_MODE);
    }
    for (const listener of this.listeners) listener();
  }

  /** While running (the journal has grown): synchronous like every write, so no append can land in between. */
  private compact(): void {
    dropOldUploaded(this.entries);
    const tmp = `${this.file}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      fs.writeSync(fd, compactBody(this.entries));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.lines = this.entries.size;
  }
}

/** The newest line per hash wins; a torn line is skipped. */
function parseLines(text: string): Map<string, Line> {
  const entries = new Map<string, Line>();
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue; // the torn tail of a write cut off by a crash
    }
    if (typeof line?.sha256 !== 'string' || typeof line.state !== 'string') continue;
    // Interrupted mid-upload: send again (idempotent by hash).
    if (line.state === 'uploading') line.state = 'waiting';
    delete line.due;
    entries.set(line.sha256, line);
  }
  return entries;
}

function dropOldUploaded(entries: Map<string, Line>): void {
  const uploaded = [...entries.values()].filter((e) => e.state === 'uploaded').sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  for (const old of uploaded.slice(KEEP_UPLOADED)) entries.delete(old.sha256);
}

function compactBody(entries: ReadonlyMap<string, Line>): string {
  const body = [...entries.values()].map((e) => JSON.stringify(strip(e))).join('\n');
  return body === '' ? '' : `${body}\n`;
}

function strip(entry: Line): UploadEntry {
  const { due: _due, ...rest } = entry;
  return rest;
}
