/**
 * The core's ChildRunner on Electron's `utilityProcess`: the packaged app has
 * the `runAsNode` fuse off, so `spawn(process.execPath)` would start a second
 * app instead of Node. A utility process is a Node child that works with the
 * fuse off; a native abort there ends that process only.
 */
import type { UtilityProcess } from 'electron';
import type { ChildOutcome, ChildRunner } from '../core/db/child-runner.js';

type Fork = (modulePath: string, args: string[], options: { stdio: 'pipe'; serviceName: string }) => UtilityProcess;

const KEEP_CHARS = 8_000;

export function utilityChildRunner(fork: Fork): ChildRunner {
  return (script, args, timeoutMs) =>
    new Promise<ChildOutcome>((resolve) => {
      const child = fork(script, [...args], { stdio: 'pipe', serviceName: 'Fieldbook database check' });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let fatal: string | null = null;
      child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-KEEP_CHARS)));
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-KEEP_CHARS)));
      // Reported for V8 fatal errors; a Rust panic shows as a non-zero exit with "panicked at" on stderr.
      child.on('error', (type) => (fatal = type));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill();
      }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code: fatal || timedOut ? null : code, signal: fatal, stdout, stderr, timedOut });
      });
    });
}
