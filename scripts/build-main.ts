/** Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as sandboxing requires). */
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, packages: 'external' } as const;

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/main.ts')],
  outfile: path.join(root, 'dist/electron/main.js'),
  format: 'esm',
});
// The process entry (package.json `main`): clears code-loading variables and the umask, then imports main.js.
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/entry.ts')],
  outfile: path.join(root, 'dist/electron/entry.js'),
  format: 'esm',
  external: ['./main.js'],
});
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/preload/preload.ts')],
  outfile: path.join(root, 'dist/electron/preload.cjs'),
  format: 'cjs',
});
console.log('Built dist/electron/entry.js, main.js and preload.cjs');
