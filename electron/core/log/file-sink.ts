/**
 * Writes log entries to a rotated file with electron-log's plain-Node entry
 * (no Electron import, so it runs in core and in tests). When the file passes
 * maxBytes, electron-log moves it to `<name>.old.log` and starts afresh, so
 * logs never take more than twice maxBytes.
 */
import electronLog from 'electron-log/node';
import path from 'node:path';
import { makeFilePrivate, makePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files.js';
import type { LogSink } from './logger.js';

export const DEFAULT_MAX_LOG_BYTES = 2 * 1024 * 1024;

let instances = 0;

export function fileSink(file: string, maxBytes = DEFAULT_MAX_LOG_BYTES): LogSink & { path: string } {
  // Logs name jobs and errors: private like the replica, including files an older version left 0644.
  makePrivateDir(path.dirname(file));
  makeFilePrivate(file);
  makeFilePrivate(oldLogPath(file));
  const log = electronLog.create({ logId: `fieldbook-${process.pid}-${++instances}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
  log.transports.file.maxSize = maxBytes;
  log.transports.file.level = 'info';
  log.transports.file.format = '[{iso}] [{level}] {text}';
  log.transports.console.level = false;
  return {
    path: file,
    write(entry) {
      const text = entry.detail ? `${entry.message} ${entry.detail}` : entry.message;
      log[entry.level](text);
    },
  };
}

/** Where electron-log moves a full log (`main.log` → `main.old.log`); a rename keeps the 0600 mode. */
function oldLogPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.old${ext}`);
}
