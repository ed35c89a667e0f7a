/** `npm run primary -- --port <port> --db <file>`: a local Turso primary on 127.0.0.1. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalPrimary } from '../electron/core/primary/local-primary.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, db: { type: 'string', default: '.fieldbook/primary.db' } },
});
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a TCP port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
const dbPath = path.resolve(values.db);
const primary = await startLocalPrimary({ dbPath, port, log: true });
console.log(`Turso primary serving ${dbPath}`);
console.log(primary.url);
const shutdown = () => void primary.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
