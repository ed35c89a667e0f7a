/**
 * The built app laid out as electron-builder packs it (resources/app/ with package.json, dist/
 * without source maps, and the production node_modules), and dist/electron/main.js started from
 * there under plain Node with the `electron` stand-in (fixtures/electron-stand-in.cjs).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** The built file's path; a clear failure when `npm run build` has not run. */
export function builtFile(relative: string): string {
  const file = path.join(DIST, relative);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (npm test does).`);
  return file;
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
}

/**
 * What electron-builder adds as node_modules: the installed packages that are not dev-only.
 * Top-level entries only; nested ones come along inside their parent.
 */
function productionPackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([key]) => key.startsWith('node_modules/') && !key.slice('node_modules/'.length).includes('node_modules/'))
    .filter(([key, entry]) => !entry.dev && !entry.devOptional && fs.existsSync(path.join(ROOT, key)))
    .map(([key]) => key.slice('node_modules/'.length));
}

function copyWithoutMaps(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('.map') });
}

export interface PackagedApp {
  /** The temp folder holding resources/ and the electron stand-in. */
  root: string;
  /** resources/app: what electron-builder's `files` (electron-builder.yml) puts in the app. */
  appDir: string;
  /** Where the stand-in's app.getPath() folders live (userData, logs, …). */
  pathsDir: string;
  remove(): void;
}

export function packApp(): PackagedApp {
  builtFile('electron/main.js');
  builtFile('renderer/index.html');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-packaged-'));
  const appDir = path.join(root, 'resources', 'app');
  fs.mkdirSync(appDir, { recursive: true });
  copyWithoutMaps(DIST, path.join(appDir, 'dist'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(appDir, 'package.json'));
  for (const name of productionPackages()) {
    const link = path.join(appDir, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    // A junction on Windows needs no admin rights; elsewhere the type is ignored.
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), link, 'junction');
  }
  // Electron's built-in module is found by the runtime, not in the app: put the stand-in above it.
  const electronDir = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(electronDir, { recursive: true });
  fs.copyFileSync(path.join(import.meta.dirname, 'fixtures', 'electron-stand-in.cjs'), path.join(electronDir, 'index.cjs'));
  fs.writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.cjs' }));
  const pathsDir = path.join(root, 'electron-paths');
  return { root, appDir, pathsDir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export interface StandInState {
  log: (string | { registerSchemesAsPrivileged: { scheme: string; privileges: Record<string, boolean> }[] })[];
  ready: boolean;
  session: Record<string, boolean>;
  ipcChannels: string[];
  windows: { options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>; loaded: string[]; shown: boolean }[];
}

export interface FrameLike {
  url: string;
  parent: FrameLike | null;
}

export interface RunningMain {
  state(): Promise<StandInState>;
  fetch(url: string, method?: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
  invoke(channel: string, input: unknown, frame: FrameLike | null): Promise<unknown>;
  navigate(url: string): Promise<boolean>;
  /** Quits as Electron would (before-quit first) and resolves with the exit code. */
  quit(): Promise<number | null>;
  exited: Promise<number | null>;
  output(): string;
  kill(): void;
}

interface Reply {
  id: number;
  threw?: string;
  [key: string]: unknown;
}

/** Starts the app the way Electron does: the `main` of resources/app/package.json. */
export function startPackagedMain(app: PackagedApp): RunningMain {
  const pkg = JSON.parse(fs.readFileSync(path.join(app.appDir, 'package.json'), 'utf8')) as { main: string };
  const env: NodeJS.ProcessEnv = { ...process.env, FIELDBOOK_STAND_IN: JSON.stringify({ pathsDir: app.pathsDir }) };
  // No primary: the core stays offline, so nothing reaches the network.
  delete env.FIELDBOOK_PRIMARY_URL;
  delete env.NODE_OPTIONS;
  const child: ChildProcess = fork(path.join(app.appDir, pkg.main), [], {
    cwd: app.root,
    env,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  child.on('message', (message: Reply) => {
    pending.get(message.id)?.resolve(message);
    pending.delete(message.id);
  });
  void exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error(`main exited before answering:\n${output}`));
  });
  let nextId = 1;
  const call = (cmd: string, args: Record<string, unknown> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {
        resolve: (reply) => (reply.threw ? reject(new Error(`stand-in: ${reply.threw}`)) : resolve(reply)),
        reject,
      });
      child.send({ id, cmd, ...args }, (error) => {
        if (error) {
          pending.delete(id);
          reject(error);
        }
      });
    });

  return {
    state: async () => (await call('state')).state as StandInState,
    fetch: async (url, method = 'GET') => {
      const reply = await call('fetch', { url, method });
      return { status: reply.status as number, headers: reply.headers as Record<string, string>, body: Buffer.from(reply.bodyBase64 as string, 'base64') };
    },
    invoke: async (channel, input, frame) => (await call('invoke', { channel, input, frame })).result,
    navigate: async (url) => (await call('navigate', { url })).prevented as boolean,
    quit: async () => {
      await call('quit');
      return exited;
    },
    exited,
    output: () => output,
    kill: () => void child.kill(),
  };
}
