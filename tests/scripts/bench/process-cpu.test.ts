/** The bench's CPU-time reading: it counts work the process did, not time that passed. */
import { describe, expect, it } from 'vitest';
import { processCpuMs, totalCpuMs } from '../../../scripts/bench/process-cpu.js';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

describe('processCpuMs', () => {
  it('grows by about the CPU this process burnt, and not while it sleeps', async () => {
    const before = processCpuMs(process.pid)!;
    spin(300);
    const afterWork = processCpuMs(process.pid)!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterSleep = processCpuMs(process.pid)!;
    // Ticks are 10 ms; a loaded machine may give this process less than the wall time.
    expect(afterWork - before).toBeGreaterThanOrEqual(100);
    expect(afterSleep - afterWork).toBeLessThan(150);
  });

  it('answers null for a process that does not exist, and sums the ones that do', () => {
    expect(processCpuMs(2 ** 22 + 12_345)).toBeNull();
    expect(totalCpuMs([2 ** 22 + 12_345])).toBeNull();
    expect(totalCpuMs([process.pid, 2 ** 22 + 12_345])).toBeGreaterThan(0);
  });
});
