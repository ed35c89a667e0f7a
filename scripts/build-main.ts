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
// The replica check runs in its own process; it sits beside main.js, where child-runner.ts looks for it.
await build({ ...common, entryPoints: [path.join(root, 'electron/core/db/integrity-check-child.ts')], outfile: path.join(root, 'dist/electron/integrity-check-child.js'), format: 'esm' });
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/preload/preload.ts')],
  outfile: path.join(root, 'dist/electron/preload.cjs'),
  format: 'cjs',
});
console.log('Built dist/electron/main.js and dist/electron/preload.cjs');
