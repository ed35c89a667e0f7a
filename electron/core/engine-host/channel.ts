/**
 * How main starts the engine host and talks to it. Plain Node forks `node`
 * (the browser host, tests); the Electron layer passes a spawner built on
 * `utilityProcess` instead (electron/main/utility-engine-spawner.ts), because
 * the packaged app's `runAsNode` fuse is off.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FromHost, ToHost } from './protocol.js';

export interface HostExit {
  /** Exit code, or null when the process ended by a signal. */
  code: number | null;
  signal: string | null;
}

export interface EngineChannel {
  readonly pid: number | undefined;
  send(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  onExit(listener: (exit: HostExit) => void): void;
  /** The last few thousand characters the host printed on stderr (a Rust panic's text). */
  stderrTail(): string;
  kill(): void;
}

export type EngineSpawner = (script: string) => EngineChannel;

/** Keep the tail of what a dying host printed, not megabytes of it. */
export const STDERR_KEEP_CHARS = 8_000;

export const nodeEngineSpawner: EngineSpawner = (script) => {
  // Source files (tests, the browser host from source) need the TypeScript loader; the built bundle does not.
  const loader = script.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = fork(script, [], { execArgv: loader, serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEEP_CHARS)));
  // A message to a host that just died must not throw in main: its exit is reported instead.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message, (error) => void error);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromHost)),
    // 'close' comes after stderr has been read to its end, so the panic text is all there.
    onExit: (listener) => child.once('close', (code, signal) => listener({ code, signal })),
    stderrTail: () => stderr,
    kill: () => void child.kill('SIGKILL'),
  };
};

/** The host script beside this module: `engine-host-child.js` next to the bundle (dist/electron/), else the source. */
export function engineHostScript(moduleUrl: string = import.meta.url): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  const built = path.join(dir, 'engine-host-child.js');
  return fs.existsSync(built) ? built : path.join(dir, 'engine-host-child.ts');
}
