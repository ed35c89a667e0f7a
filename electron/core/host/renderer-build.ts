/**
 * Builds the renderer for the browser host when the build is missing or older
 * than its sources, so `npm run host` and the end-to-end tests always serve
 * what is in the working tree.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['renderer', 'shared', 'vite.config.ts'];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function rendererDir(root: string): string {
  return path.join(root, 'dist', 'renderer');
}

export function rendererBuildIsCurrent(root: string): boolean {
  const index = path.join(rendererDir(root), 'index.html');
  if (!fs.existsSync(index)) return false;
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

/** Returns the folder to serve. Throws with vite's output when the build fails. */
export function ensureRendererBuild(root: string, log: (message: string) => void = () => undefined): string {
  if (rendererBuildIsCurrent(root)) return rendererDir(root);
  log(fs.existsSync(path.join(rendererDir(root), 'index.html')) ? 'Renderer sources changed; rebuilding…' : 'Building the renderer (first use)…');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`Building the renderer failed:\n${output.stderr?.toString() ?? ''}${output.stdout?.toString() ?? ''}`);
  }
  return rendererDir(root);
}
