/**
 * File steps that wait for the disk, through the threadpool: on a disk busy
 * with gigabytes just written an fsync or a rename waits hundreds of ms, and
 * done synchronously that wait held the event loop while the app opened or
 * synced. Used by the edit journal and the photo upload queue.
 */
import fs from 'node:fs';

/** The file's bytes, or none when it does not exist. */
export async function readIfPresent(file: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/** A plain descriptor (not a FileHandle), opened for appending: the appends on it stay synchronous writes. */
export function openForAppend(file: string, mode: number): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, 'a', mode, (error, fd) => (error ? reject(error) : resolve(fd))));
}

/** A file's data (`datasync`) or data and metadata (`sync`) to disk. */
export async function syncPath(file: string, flags: 'r' | 'r+', data: 'datasync' | 'sync'): Promise<void> {
  const handle = await fs.promises.open(file, flags);
  try {
    await (data === 'datasync' ? handle.datasync() : handle.sync());
  } finally {
    await handle.close();
  }
}

/** A folder's entries to disk (a rename made durable). Folders cannot be opened for fsync on Windows; there the rename is durable enough. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await syncPath(dir, 'r', 'sync');
}
