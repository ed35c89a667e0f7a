/**
 * The Electron spawner for the engine host, with a thin stand-in for
 * `utilityProcess` (no Electron binary here): messages go by postMessage both
 * ways, and how the process ended (exit code, V8 fatal error, the panic text
 * on stderr) reaches the supervisor as the plain-Node spawner reports it.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { UtilityProcess } from 'electron';
import { describe, expect, it } from 'vitest';
import { stoppedError } from '../../../electron/core/engine-host/engine-stopped.js';
import type { FromHost, ToHost } from '../../../electron/core/engine-host/protocol.js';
import { utilityEngineSpawner } from '../../../electron/main/utility-engine-spawner.js';

function standIn() {
  const posted: unknown[] = [];
  const forks: { modulePath: string; serviceName: string; stdio: unknown }[] = [];
  const child = Object.assign(new EventEmitter(), {
    pid: 4242,
    stderr: new PassThrough(),
    postMessage: (message: unknown) => posted.push(message),
    kill: () => {
      setImmediate(() => child.emit('exit', 15));
      return true;
    },
  });
  const fork = (modulePath: string, _args: string[], options: { serviceName: string; stdio: unknown }) => {
    forks.push({ modulePath, serviceName: options.serviceName, stdio: options.stdio });
    return child as unknown as UtilityProcess;
  };
  return { fork, forks, child, posted };
}

const CALL: ToHost = { kind: 'call', id: 1, op: 'all', sql: 'SELECT 1', params: [] };

describe('utilityEngineSpawner', () => {
  it('forks the host script with stderr piped, and carries messages both ways', () => {
    const { fork, forks, child, posted } = standIn();
    const channel = utilityEngineSpawner(fork)('/app/dist/electron/engine-host-child.js');
    expect(forks).toEqual([{ modulePath: '/app/dist/electron/engine-host-child.js', serviceName: 'Fieldbook database engine', stdio: ['ignore', 'inherit', 'pipe'] }]);
    expect(channel.pid).toBe(4242);
    channel.send(CALL);
    expect(posted).toEqual([CALL]);
    const received: FromHost[] = [];
    channel.onMessage((message) => received.push(message));
    child.emit('message', { kind: 'ready', pid: 4242 });
    expect(received).toEqual([{ kind: 'ready', pid: 4242 }]);
  });

  it('reports a panic by its stderr text, so the supervisor calls it an abort; nothing is sent after the exit', async () => {
    const { fork, child, posted } = standIn();
    const channel = utilityEngineSpawner(fork)('host.js');
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => channel.onExit(resolve));
    child.stderr.write("thread '<unnamed>' panicked at core/storage/pager.rs:1234:56:\nindex out of bounds: the len is 3 but the index is 7\n");
    await new Promise((resolve) => setImmediate(resolve));
    child.emit('exit', 134);
    const exit = await exited;
    expect(exit).toEqual({ code: 134, signal: null });
    const error = stoppedError(exit, channel.stderrTail(), null);
    expect(error.kind).toBe('aborted');
    expect(error.message).toMatch(/panicked at core\/storage\/pager\.rs:1234:56: index out of bounds/);
    channel.send(CALL);
    expect(posted).toEqual([]);
  });

  it('reports a V8 fatal error as the signal, which reads as an abort', async () => {
    const { fork, child } = standIn();
    const channel = utilityEngineSpawner(fork)('host.js');
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => channel.onExit(resolve));
    child.emit('error', 'FatalError', 'location', 'report');
    child.emit('exit', 133);
    const exit = await exited;
    expect(exit).toEqual({ code: null, signal: 'FatalError' });
    expect(stoppedError(exit, channel.stderrTail(), null).kind).toBe('aborted');
  });

  it('a plain exit is a stop, not damage', async () => {
    const { fork } = standIn();
    const channel = utilityEngineSpawner(fork)('host.js');
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => channel.onExit(resolve));
    channel.kill();
    const exit = await exited;
    expect(stoppedError(exit, channel.stderrTail(), null)).toMatchObject({ kind: 'stopped', meansDamage: false });
  });
});
