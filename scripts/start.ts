/**
 * `npm start`: build, start a local Turso primary (used while Settings name no
 * remote, so sync works with no setup), and launch the desktop app.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startLocalPrimary } from '../electron/core/primary/local-primary.js';
import { devObjectStoreUrl } from '../electron/main/dev-object-store.js';
import { startLocalObjectStore } from './lib/local-object-store.js';

const root = path.resolve(import.meta.dirname, '..');
const run = (script: string, args: string[] = []) =>
  execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });

run(path.join(root, 'node_modules/vite/bin/vite.js'), ['build']);
run(path.join(root, 'node_modules/tsx/dist/cli.mjs'), [path.join(root, 'scripts/build-main.ts')]);

const dataDir = path.join(root, '.fieldbook');
fs.mkdirSync(dataDir, { recursive: true });
const primary = await startLocalPrimary({ dbPath: path.join(dataDir, 'primary.db') });
console.log(`Local Turso primary at ${primary.url} (data in .fieldbook/primary.db)`);
// Photos need an S3-compatible store: a local one, so photos sync with no setup too.
const objectStore = await startLocalObjectStore({ directory: path.join(dataDir, 'object-store') });
console.log(`Local photo store at ${objectStore.config.endpoint}, bucket ${objectStore.config.bucket} (data in .fieldbook/object-store)`);
const stopAll = async () => {
  await objectStore.stop();
  await primary.stop();
};

const require = createRequire(import.meta.url);
let electronBinary: string;
try {
  electronBinary = require('electron') as string;
} catch (error) {
  console.error(
    `Could not get the Electron binary (${(error as Error).message}). Electron downloads it on first start; ` +
      'where its download host is unreachable, open Fieldbook in a browser instead: npm run host',
  );
  await stopAll();
  process.exit(1);
}
const app = spawn(electronBinary, [root], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FIELDBOOK_PRIMARY_URL: process.env.FIELDBOOK_PRIMARY_URL ?? primary.url,
    FIELDBOOK_OBJECT_STORE_URL: process.env.FIELDBOOK_OBJECT_STORE_URL ?? devObjectStoreUrl(objectStore.config),
  },
});
app.on('error', async (error) => {
  console.error(`Electron could not be launched (${error.message}). On a machine without a display or without the Electron binary, use \`npm run host\` to open Fieldbook in a browser.`);
  await stopAll();
  process.exit(1);
});
app.on('exit', async (code) => {
  await stopAll();
  process.exit(code ?? 0);
});
