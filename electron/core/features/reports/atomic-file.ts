/**
 * Writes an export so that the target is either the whole new file or untouched:
 * a temp file beside it, fsync, then rename. Any failure removes the temp file
 * and answers in plain words (disk full, no permission, missing folder).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../../shared/errors.js';

/** Fills the stream and resolves once everything is handed to it; rejects on any producer error. */
export type Producer = (out: Writable) => Promise<void>;

export async function writeAtomically(target: string, produce: Producer): Promise<{ bytes: number }> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  // Set when the file stream itself failed: then the cause is the disk, whatever the error says.
  let streamFailed = false;
  // 'wx': never follow or reuse an existing file at the temp name; flush: fsync before the close.
  const out = fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', (error) => {
      streamFailed = true;
      reject(error);
    });
  });
  // Without a listener an early rejection would be unhandled; it is awaited below.
  closed.catch(() => undefined);
  try {
    await produce(out);
    out.end();
    await closed;
    const { size } = await fs.promises.stat(temp);
    await fs.promises.rename(temp, target);
    return { bytes: size };
  } catch (error) {
    out.destroy();
    await closed.catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(error, target, streamFailed);
  }
}

const WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'Fieldbook may not write in that folder',
  EPERM: 'Fieldbook may not write in that folder',
  EROFS: 'that disk is read-only',
  ENOENT: 'that folder does not exist',
  ENOTDIR: 'that folder does not exist',
  EISDIR: 'a folder already has that name',
  EIO: 'the disk reported a read or write error',
};

/** AppErrors (e.g. a job that vanished mid-export) pass through; file-system errors get plain words. */
export function writeError(error: unknown, target: string, streamFailed = false): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = (code && WORDS[code]) ?? (streamFailed ? 'the disk refused the write' : null);
  if (!reason) return error;
  return new AppError('STORAGE_FAILED', `Could not save “${path.basename(target)}”: ${reason}. Nothing was saved; choose another place or free some space and try again.`);
}
