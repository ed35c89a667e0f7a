/**
 * `npm run host -- --port <port> --data <dir> [--sync-url <url>] [--object-store]`: the real
 * renderer in a browser, backed by the main-process core over a WebSocket.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHostServer, type HostServer } from '../electron/core/host/host-server.js';
import { ensureRendererBuild } from '../electron/core/host/renderer-build.js';
import { UnprotectedSecretBox } from '../electron/core/settings/secret-box.js';
import { WorkspaceManager } from '../electron/core/workspaces/workspace-manager.js';
import { primaryUrlProblem } from '../shared/primary-url.js';
import { startLocalObjectStore } from './lib/local-object-store.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    data: { type: 'string', default: '.fieldbook/host-data' },
    'sync-url': { type: 'string' },
    /** Start a local S3-compatible photo store (s3rver, loopback, random port) and use it while Settings name none. */
    'object-store': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a TCP port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
let rendererDir: string;
try {
  rendererDir = ensureRendererBuild(root, (message) => console.log(message));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const syncUrl = values['sync-url'] ?? null;
const syncUrlProblem = syncUrl === null ? null : primaryUrlProblem(syncUrl);
if (syncUrlProblem) {
  console.error(`--sync-url ${syncUrlProblem}; got ${JSON.stringify(syncUrl)}`);
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const objectStore = values['object-store'] ? await startLocalObjectStore({ directory: path.join(dataDir, 'local-object-store') }) : null;
if (objectStore) console.log(`Local photo store at ${objectStore.config.endpoint}, bucket ${objectStore.config.bucket}`);
let core: WorkspaceManager;
try {
  core = await WorkspaceManager.start({
    dataDir,
    appVersion: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    secrets: new UnprotectedSecretBox(),
    defaultPrimaryUrl: syncUrl,
    photos: { defaultObjectStore: objectStore?.config ?? null },
    logError: (message, error) => console.error(message, error),
  });
} catch (error) {
  console.error(`Could not open the workspace in ${dataDir}: ${(error as Error).message}`);
  process.exit(1);
}
let host: HostServer;
try {
  host = await startHostServer(core, rendererDir, port);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use; pick another with --port.` : `Could not start the host: ${(error as Error).message}`);
  await core.close();
  process.exit(1);
}
console.log(`Fieldbook host at ${host.url} (data in ${dataDir})`);
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await core.close();
  await objectStore?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
