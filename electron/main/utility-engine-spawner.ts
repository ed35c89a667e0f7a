/**
 * The engine host on Electron's `utilityProcess`: the packaged app has the
 * `runAsNode` fuse off, so `fork(process.execPath)` would start a second app
 * instead of Node. Messages go by the utility process's own postMessage
 * (structured clone: bigint and Uint8Array pass as they are); the host reads
 * them from `process.parentPort` (engine-host-child.ts).
 */
import type { UtilityProcess } from 'electron';
import { STDERR_KEEP_CHARS, type EngineChannel, type EngineSpawner } from '../core/engine-host/channel.js';
import type { FromHost, ToHost } from '../core/engine-host/protocol.js';

type Fork = (modulePath: string, args: string[], options: { stdio: ['ignore', 'inherit', 'pipe']; serviceName: string }) => UtilityProcess;

export function utilityEngineSpawner(fork: Fork): EngineSpawner {
  return (script): EngineChannel => {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'pipe'], serviceName: 'Fieldbook database engine' });
    let stderr = '';
    let exited = false;
    let fatal: string | null = null;
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEEP_CHARS)));
    // Reported for V8 fatal errors; a Rust panic shows as a non-zero exit with "panicked at" on stderr.
    child.on('error', (type: string) => (fatal = type));
    child.once('exit', () => (exited = true));
    return {
      get pid() {
        return child.pid;
      },
      send: (message: ToHost) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromHost)),
      // Electron gives only a code; a fatal error has no signal to name, so it is passed as one.
      onExit: (listener) => child.once('exit', (code: number) => listener({ code: fatal ? null : code, signal: fatal })),
      stderrTail: () => (fatal ? `Fatal JavaScript error: ${fatal}\n${stderr}` : stderr),
      kill: () => void child.kill(),
    };
  };
}
