/**
 * Runs a local Turso primary: `tursodb --sync-server` on 127.0.0.1. Used by
 * `npm run primary`, `npm start` (when no remote is configured) and the tests.
 * It is a development primary; production is Turso Cloud.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@tursodatabase/cli-darwin-arm64',
  'darwin-x64': '@tursodatabase/cli-darwin-x64',
  'linux-arm64': '@tursodatabase/cli-linux-arm64-gnu',
  'linux-x64': '@tursodatabase/cli-linux-x64-gnu',
  'win32-x64': '@tursodatabase/cli-win32-x64-msvc',
};

export function tursodbPath(): string {
  const key = `${process.platform}-${process.arch}`;
  const pkg = PLATFORM_PACKAGES[key];
  if (!pkg) throw new Error(`tursodb has no build for ${key}`);
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  return path.join(dir, process.platform === 'win32' ? 'tursodb.exe' : 'tursodb');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tursodb exited with code ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`tursodb did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

export interface LocalPrimary {
  url: string;
  port: number;
  dbPath: string;
  /** The server's process id (undefined if it could not be spawned). */
  pid: number | undefined;
  /** Graceful stop (SIGTERM), or SIGKILL to simulate a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startLocalPrimary(options: {
  dbPath: string;
  port?: number;
  timeoutMs?: number;
  log?: boolean;
  /** CPU priority of the server process (19 = lowest); the benchmark's stand-in for a remote primary sets it. */
  niceness?: number;
}): Promise<LocalPrimary> {
  const port = options.port ?? (await freePort());
  const child = spawn(tursodbPath(), [options.dbPath, '--sync-server', `127.0.0.1:${port}`], {
    stdio: options.log ? 'inherit' : 'ignore',
  });
  if (options.niceness !== undefined && child.pid !== undefined) os.setPriority(child.pid, options.niceness);
  await waitForPort(port, child, options.timeoutMs ?? 10_000);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath: options.dbPath,
    pid: child.pid,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Direct SQL against a primary (`POST /v2/pipeline`), for tests and seeding. */
export async function primarySql(url: string, sql: string, args: (string | number | null)[] = []): Promise<unknown[][]> {
  const response = await fetch(`${url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      requests: [
        {
          type: 'execute',
          stmt: {
            sql,
            args: args.map((v) =>
              v === null
                ? { type: 'null' }
                : typeof v === 'number'
                  ? { type: Number.isInteger(v) ? 'integer' : 'float', value: String(v) }
                  : { type: 'text', value: v },
            ),
          },
        },
      ],
    }),
  });
  if (!response.ok) throw new Error(`primary answered HTTP ${response.status}`);
  const body = (await response.json()) as {
    results: { type: string; response?: { result: { rows: { value?: string }[][] } }; error?: { message: string } }[];
  };
  const first = body.results[0];
  if (!first || first.type !== 'ok' || !first.response) throw new Error(`primary SQL failed: ${first?.error?.message ?? 'no result'}`);
  return first.response.result.rows.map((row) => row.map((cell) => cell.value ?? null));
}
