/** Timing loops: warm up, then time each run on its own so median and p95 mean something. */
import { performance } from 'node:perf_hooks';

export interface LoopOptions {
  runs: number;
  warmup?: number;
}

/** Milliseconds per run of `fn(i)`, after `warmup` untimed runs. */
export async function timeRuns(fn: (i: number) => Promise<unknown> | unknown, options: LoopOptions): Promise<number[]> {
  const warmup = options.warmup ?? Math.min(20, Math.ceil(options.runs / 10));
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Milliseconds taken by one call. */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
