/**
 * `npm run host -- --port <port> --data <dir> [--sync-url <url>]`: the real
 * renderer in a browser, backed by the main-process core over a WebSocket.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../electron/core/app-core.js';
import { startHostServer } from '../electron/core/host/host-server.js';
import { UnprotectedSecretBox } from '../electron/core/settings/secret-box.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    data: { type: 'string', default: '.fieldbook/host-data' },
    'sync-url': { type: 'string' },
  },
});
const port = Number(values.port);
if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`--port must be a TCP port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const rendererDir = path.join(root, 'dist', 'renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  console.log('Building the renderer (first use)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const core = await startCore({
  dataDir: path.resolve(values.data),
  appVersion: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
  secrets: new UnprotectedSecretBox(),
  defaultPrimaryUrl: values['sync-url'] ?? null,
  logError: (message, error) => console.error(message, error),
});
const host = await startHostServer(core, rendererDir, port);
console.log(`Fieldbook host at ${host.url} (data in ${path.resolve(values.data)})`);
const shutdown = async () => {
  await host.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
