/**
 * The built main process (`npm run build` output, run under plain Node with a
 * stand-in `electron`): `NAPI_RS_NATIVE_LIBRARY_PATH` is gone before the
 * Turso engine's native loader runs, so a library named there is never
 * loaded, and the real engine binary is. In the ESM bundle external imports
 * are evaluated before any bundled code, so only the built files can show
 * this ordering, not the sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const entry = path.join(root, 'dist', 'electron', 'entry.js');

/** The thinnest `electron` main.js can link against; records that main.js ran and what it saw. */
const STAND_IN = `
globalThis.__report.envAtFirstImport = process.env.NAPI_RS_NATIVE_LIBRARY_PATH ?? null;
globalThis.__report.umaskAtFirstImport = process.umask();
const noop = () => undefined;
export const app = {
  isPackaged: true,
  enableSandbox: noop,
  requestSingleInstanceLock: () => { globalThis.__report.mainEvaluated = true; return true; },
  on: noop,
  // Never ready: this test is about what happens before.
  whenReady: () => new Promise(noop),
  exit: noop,
  quit: noop,
};
export const protocol = { registerSchemesAsPrivileged: noop, handle: noop };
export class BrowserWindow { static getAllWindows() { return []; } }
export const ipcMain = { handle: noop, removeHandler: noop };
export const powerMonitor = { on: noop };
export const safeStorage = {};
export const session = {};
export const shell = {};
export const autoUpdater = {};
export const dialog = { showErrorBox: noop };
export const utilityProcess = { fork: noop };
export default { app, protocol, BrowserWindow, ipcMain, powerMonitor, safeStorage, session, shell, autoUpdater, dialog, utilityProcess };
`;

const HOOKS = `
let standIn;
export function initialize(data) { standIn = data.standIn; }
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  return next(specifier, context);
}
`;

/** Runs first (--import): installs the hooks and writes the report when the process ends. */
const PRELOAD = (hooks: string, standIn: string, reportFile: string, marker: string) => `
import fs from 'node:fs';
import { register } from 'node:module';
globalThis.__report = { mainEvaluated: false, envAtFirstImport: 'not imported' };
register(${JSON.stringify(hooks)}, { data: { standIn: ${JSON.stringify(standIn)} } });
process.on('exit', () => {
  const shared = process.report.getReport().sharedObjects ?? [];
  globalThis.__report.nativeEngineLoaded = shared.some((file) => /[\\\\/]sync\\.[^\\\\/]*\\.node$/.test(file));
  globalThis.__report.trapLoaded = fs.existsSync(${JSON.stringify(marker)});
  fs.writeFileSync(${JSON.stringify(reportFile)}, JSON.stringify(globalThis.__report));
});
`;

interface Report {
  mainEvaluated: boolean;
  envAtFirstImport: string | null;
  umaskAtFirstImport: number;
  nativeEngineLoaded: boolean;
  trapLoaded: boolean;
}

function runBuiltEntry(dir: string): { report: Report; stderr: string } {
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  const marker = path.join(dir, 'trap-was-loaded');
  // What an attacker would point the variable at: a module that runs as soon as it is required.
  const trap = file('trap.cjs', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'loaded'); module.exports = {};`);
  const standIn = pathToFileURL(file('electron-stand-in.mjs', STAND_IN)).href;
  const hooks = pathToFileURL(file('hooks.mjs', HOOKS)).href;
  const reportFile = path.join(dir, 'report.json');
  const preload = file('preload.mjs', PRELOAD(hooks, standIn, reportFile, marker));
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, entry], {
    cwd: dir,
    env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: trap },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (!fs.existsSync(reportFile)) throw new Error(`the built entry wrote no report (exit ${child.status}): ${child.stderr}`);
  return { report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report, stderr: child.stderr };
}

describe('built main process: start-up order', () => {
  beforeAll(() => {
    // The same bundling step as `npm run build` (the renderer is not needed here).
    execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/build-main.ts')], {
      cwd: root,
      stdio: 'pipe',
    });
  });

  it('package.json starts the app at the built entry', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(path.resolve(root, pkg.main)).toBe(entry);
  });

  it('removes NAPI_RS_NATIVE_LIBRARY_PATH before the engine loads: the named library never runs, the real engine does', () => {
    const { report, stderr } = runBuiltEntry(tempDir('fieldbook-entry-'));
    expect(report.trapLoaded, 'the library named in NAPI_RS_NATIVE_LIBRARY_PATH was loaded').toBe(false);
    expect(report.envAtFirstImport).toBeNull();
    expect(report.mainEvaluated, stderr).toBe(true);
    expect(report.nativeEngineLoaded).toBe(true);
    if (process.platform !== 'win32') expect(report.umaskAtFirstImport).toBe(0o077);
  });
});
