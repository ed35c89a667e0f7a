/**
 * `npm run primary -- --port <port> --db <file> [--from <db file | primary URL>]`:
 * a local Turso primary on 127.0.0.1. With `--from`, it first copies another
 * primary's data into `--db` (the local stand-in for a Turso Cloud branch).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copyPrimaryFiles, copyPrimaryOverHttp } from '../electron/core/primary/primary-copy.js';
import { startLocalPrimary } from '../electron/core/primary/local-primary.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, db: { type: 'string' }, from: { type: 'string' } },
});
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a TCP port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
const from = values.from;
const fromUrl = from !== undefined && /^https?:\/\//.test(from);
if (from !== undefined && values.db === undefined) {
  console.error('--from needs --db <new file> for the copy (the source is never served or changed)');
  process.exit(2);
}
const dbPath = path.resolve(values.db ?? '.fieldbook/primary.db');
try {
  if (from !== undefined && !fromUrl) {
    await copyPrimaryFiles(path.resolve(from), dbPath);
    console.log(`Copied ${path.resolve(from)} to ${dbPath}`);
  } else if (fromUrl && fs.existsSync(dbPath)) {
    throw new Error(`${dbPath} already exists; pick another --db, the copy never overwrites`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const primary = await startLocalPrimary({ dbPath, port, log: true });
if (fromUrl) {
  try {
    const copied = await copyPrimaryOverHttp(from, primary.url);
    console.log(`Copied ${copied.rows} rows in ${copied.tables} tables from ${from}`);
  } catch (error) {
    console.error(`Could not copy from ${from}: ${(error as Error).message}`);
    await primary.stop();
    process.exit(1);
  }
}
console.log(`Turso primary serving ${dbPath}`);
console.log(primary.url);
const shutdown = () => void primary.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
