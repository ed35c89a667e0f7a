/**
 * The Electron runner for the replica check, with a thin stand-in for
 * `utilityProcess` (no Electron binary here): how the child ended reaches the
 * health check as the same outcome the plain-Node runner gives.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { UtilityProcess } from 'electron';
import { describe, expect, it } from 'vitest';
import { diedOfAbort } from '../../../electron/core/db/replica-health.js';
import { utilityChildRunner } from '../../../electron/main/utility-child-runner.js';

/** Stands in for Electron's UtilityProcess: two pipes, exit/error events, kill. */
function standIn(script: (child: EventEmitter & { stdout: PassThrough; stderr: PassThrough }) => void) {
  const forks: { modulePath: string; args: string[]; serviceName: string }[] = [];
  const fork = (modulePath: string, args: string[], options: { serviceName: string }) => {
    const child = Object.assign(new EventEmitter(), {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      kill: () => {
        setImmediate(() => child.emit('exit', 1));
        return true;
      },
    });
    forks.push({ modulePath, args, serviceName: options.serviceName });
    setImmediate(() => script(child));
    return child as unknown as UtilityProcess;
  };
  return { fork, forks };
}

describe('utilityChildRunner', () => {
  it('passes the script and arguments and returns what the check printed', async () => {
    const { fork, forks } = standIn((child) => {
      child.stdout.write('{"result":"ok","ms":12}\n');
      setImmediate(() => child.emit('exit', 0));
    });
    const outcome = await utilityChildRunner(fork)('/app/dist/electron/integrity-check-child.js', ['check', '/w/fieldbook.db'], 5_000);
    expect(forks[0]).toMatchObject({ modulePath: '/app/dist/electron/integrity-check-child.js', args: ['check', '/w/fieldbook.db'] });
    expect(outcome).toMatchObject({ code: 0, signal: null, timedOut: false, stdout: '{"result":"ok","ms":12}\n' });
    expect(diedOfAbort(outcome)).toBe(false);
  });

  it('a panic (non-zero exit with the panic on stderr) and a V8 fatal error both count as an abort', async () => {
    const panic = standIn((child) => {
      child.stderr.write("thread '<unnamed>' panicked at core/storage/pager.rs:190:29:\n");
      setImmediate(() => child.emit('exit', 134));
    });
    expect(diedOfAbort(await utilityChildRunner(panic.fork)('c.js', [], 5_000))).toBe(true);
    const fatal = standIn((child) => {
      child.emit('error', 'FatalError', 'v8', '{}');
      child.emit('exit', 5);
    });
    const outcome = await utilityChildRunner(fatal.fork)('c.js', [], 5_000);
    expect(outcome).toMatchObject({ code: null, signal: 'FatalError' });
    expect(diedOfAbort(outcome)).toBe(true);
  });

  it('a child that never answers is killed at the timeout and reported as such', async () => {
    const { fork } = standIn(() => undefined);
    const outcome = await utilityChildRunner(fork)('c.js', [], 50);
    expect(outcome).toMatchObject({ timedOut: true, code: null });
  });
});
