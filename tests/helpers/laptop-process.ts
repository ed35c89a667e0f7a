/** Runs a fixture laptop as a child process and reads the RESULT line it prints. */
import { spawn } from 'node:child_process';

export interface LaptopRun<T> {
  result: T;
  output: string;
}

/**
 * Resolves with the parsed RESULT line once the child exits with code 0. With
 * `killAtReady`, the child is SIGKILLed as soon as it prints READY (a crash).
 */
export function runLaptop<T>(script: string, args: string[], options: { killAtReady?: boolean; timeoutMs?: number } = {}): Promise<LaptopRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`laptop ${args[0]} did not finish within ${options.timeoutMs ?? 60_000} ms:\n${output.slice(-3000)}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.killAtReady && !killed && /^READY$/m.test(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = output.split('\n').find((l) => l.startsWith('RESULT '));
      const expected = options.killAtReady ? signal === 'SIGKILL' : code === 0;
      if (!expected || !line) {
        reject(new Error(`laptop ${args[0]} exited with ${signal ?? code}:\n${output.slice(-3000)}`));
        return;
      }
      resolve({ result: JSON.parse(line.slice('RESULT '.length)) as T, output });
    });
  });
}
