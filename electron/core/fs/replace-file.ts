/**
 * Write-then-rename of a small local file, so a crash mid-write leaves the old
 * file or the new one, never half of it. `replaceFile` goes through the threadpool. On ext4 a
 * rename over an existing file first flushes the new file's blocks (the
 * replace-by-rename safeguard), so on a disk busy with other writes a
 * synchronous rename held the event loop for 140 ms and more (measured while
 * a new laptop joined). Writes to one path run one after the other, in call
 * order, so the last one called is the one left on disk and two never share
 * the temp file.
 */
import fs from 'node:fs';
import { PRIVATE_FILE_MODE } from './private-files.js';

const pending = new Map<string, Promise<void>>();

export function replaceFile(file: string, text: string, mode: number = PRIVATE_FILE_MODE): Promise<void> {
  const previous = pending.get(file) ?? Promise.resolve();
  const write = previous
    .catch(() => undefined) // an earlier failure was its caller's to report
    .then(async () => {
      const tmp = `${file}.tmp-${process.pid}`;
      await fs.promises.writeFile(tmp, text, { mode });
      await fs.promises.rename(tmp, file);
    });
  pending.set(file, write);
  // Forget the chain once it is idle, so the map does not grow with every file ever written.
  const forget = () => {
    if (pending.get(file) === write) pending.delete(file);
  };
  write.then(forget, forget);
  return write;
}

/**
 * The same, on the calling thread: for small settings files written by a handler
 * that answers only once the choice is on disk. Not for a path `replaceFile` may
 * still be writing (its rename could land after this one).
 */
export function replaceFileSync(file: string, text: string, mode: number = PRIVATE_FILE_MODE): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}
