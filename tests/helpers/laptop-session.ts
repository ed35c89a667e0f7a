import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach } from 'vitest';

const FIXTURE = path.join(import.meta.dirname, '..', 'integration', 'fixtures', 'laptop.ts');
const running: LaptopProcess[] = [];

export type Answer = { ok: boolean; code?: string; message?: string; died?: undefined } & Record<string, unknown>;
export type Died = { died: Ended };

/** How a laptop process ended: exit code, or the signal that killed it (a native abort is SIGABRT). */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A real core in its own process (tests/integration/fixtures/laptop.ts), killed after the test. */
export class LaptopProcess {
  readonly child: ChildProcess;
  readonly ended: Promise<Ended>;
  output = '';
  private buffered = '';
  private waiting: ((line: string) => void)[] = [];

  constructor(dataDir: string, primaryUrl: string | null) {
    this.child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, primaryUrl ?? '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString();
      let newline: number;
      while ((newline = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        this.waiting.shift()?.(line);
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.ended = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    running.push(this);
  }

  /** Sends one command; resolves with its answer, or with how the process ended if it died first. */
  send(command: string, timeoutMs = 60_000): Promise<Answer | Died> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`laptop did not answer "${command}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Answer);
      });
      void this.ended.then((ended) => {
        clearTimeout(timer);
        resolve({ died: ended });
      });
      this.child.stdin!.write(`${command}\n`);
    });
  }

  /** Sends a command that must succeed. */
  async ok(command: string, timeoutMs?: number): Promise<Answer> {
    const answer = await this.send(command, timeoutMs);
    if (answer.died) throw new Error(`laptop died on "${command}": ${JSON.stringify(answer.died)}\n${this.output.slice(-2000)}`);
    if (!answer.ok) throw new Error(`laptop "${command}" failed: ${answer.code} ${answer.message}`);
    return answer;
  }
}

afterEach(() => {
  for (const laptop of running.splice(0)) laptop.child.kill('SIGKILL');
});
