/**
 * Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as sandboxing requires).
 * tests/build/ checks the output: the preload loads under the sandbox's require, main starts from
 * the packaged layout.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const common = { bundle: true, target: 'node22', sourcemap: true } as const;

/**
 * What main leaves to the runtime: `electron` is Electron's built-in module, and the Turso engine is
 * an N-API package that loads its platform's native package (@tursodatabase/sync-<os>-<arch>) at run
 * time, so it stays in node_modules (electron-builder unpacks it from the asar). Everything else is
 * plain JavaScript and is bundled, including electron-updater and electron-log: they require only
 * Node built-ins and `electron`, never a native module or a file of their own by path. pdfkit (used
 * by the report worker only) is the exception: it reads its own data files (font metrics, ICC
 * profile) beside its module by import.meta.url, so it stays in node_modules too (a production
 * dependency, packed in the asar).
 */
// sharp is native (libvips in @img/sharp-*): it must be loaded from node_modules, not bundled.
const MAIN_EXTERNALS = ['electron', '@tursodatabase/sync', 'sharp', 'pdfkit'];

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/main.ts')],
  outfile: path.join(root, 'dist/electron/main.js'),
  platform: 'node',
  format: 'esm',
  external: MAIN_EXTERNALS,
  // Bundled CommonJS packages (electron-updater, electron-log, fs-extra) call require() for Node
  // built-ins and `electron`; an ES module has no require, so give the bundle a real one.
  banner: {
    js: "import { createRequire as __fieldbookCreateRequire } from 'node:module';\nconst require = __fieldbookCreateRequire(import.meta.url);",
  },
});
// The process entry (package.json `main`): clears code-loading variables and the umask, then imports main.js.
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/entry.ts')],
  outfile: path.join(root, 'dist/electron/entry.js'),
  platform: 'node',
  format: 'esm',
  external: ['./main.js'],
});
/** A script main starts in another process or thread, built beside main.js, where its starter looks for it. */
const besideMain = (source: string, out: string) =>
  build({ ...common, entryPoints: [path.join(root, source)], outfile: path.join(root, 'dist/electron', out), platform: 'node', format: 'esm', external: MAIN_EXTERNALS });
// Each runs apart from main for a reason: the replica check and the engine host may meet damaged pages
// (a native abort), untrusted photos are decoded apart, and the PDF layout would hold main's event loop.
await besideMain('electron/core/db/integrity-check-child.ts', 'integrity-check-child.js'); // child-runner.ts
await besideMain('electron/core/blobs/image-child.ts', 'image-child.js'); // image-capture.ts
await besideMain('electron/core/engine-host/engine-host-child.ts', 'engine-host-child.js'); // engine-host/channel.ts
await besideMain('electron/core/features/reports/report-worker.ts', 'report-worker.js'); // report-render.ts
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/preload/preload.ts')],
  outfile: path.join(root, 'dist/electron/preload.cjs'),
  format: 'cjs',
  // A sandboxed preload gets no node_modules at all: everything but `electron` is bundled in.
  platform: 'browser',
  external: ['electron'],
});
// The report's fonts (and their licence) beside main.js, where report-fonts.ts looks first.
fs.cpSync(path.join(root, 'resources/fonts'), path.join(root, 'dist/electron/fonts'), { recursive: true });
console.log('Built dist/electron/entry.js, main.js, preload.cjs, the integrity-check, image and engine-host children, the report worker, and fonts/');
