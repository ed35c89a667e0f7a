/**
 * Measures how long the event loop is held: a 10 ms interval notes how late
 * each tick fires. In Electron a held main process freezes every window, so
 * the longest lateness during a task is the longest freeze a worker would see.
 */
import { performance } from 'node:perf_hooks';

const TICK_MS = 10;

export interface StallReport {
  /** Longest single lateness of the ticker, ms. */
  maxMs: number;
  /** Ticks more than 50 ms late. */
  over50: number;
  durationMs: number;
  /** When the longest lateness began, ms after start. */
  longestAtMs: number;
  /**
   * CPU this process used during the longest lateness (all its threads, GC
   * included): near `maxMs` means work held the loop; far below it, the
   * process was waiting for a core on a loaded machine.
   */
  longestCpuMs: number;
}

export class StallMeter {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = 0;
  private began = 0;
  private maxMs = 0;
  private over50 = 0;
  private longestAt = 0;
  private longestCpu = 0;
  private lastCpu = process.cpuUsage();

  start(): this {
    this.began = performance.now();
    this.last = this.began;
    this.lastCpu = process.cpuUsage();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    return this;
  }

  stop(): StallReport {
    // The stretch since the last tick counts too: a task still holding the loop at stop is a stall.
    this.tick();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return {
      maxMs: Math.round(this.maxMs),
      over50: this.over50,
      durationMs: Math.round(performance.now() - this.began),
      longestAtMs: Math.round(this.longestAt),
      longestCpuMs: Math.round(this.longestCpu),
    };
  }

  private tick(): void {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    this.lastCpu = process.cpuUsage();
    const late = Math.max(0, now - this.last - TICK_MS);
    if (late > this.maxMs) {
      this.maxMs = late;
      this.longestAt = this.last - this.began;
      this.longestCpu = (cpu.user + cpu.system) / 1000;
    }
    this.last = now;
    if (late > 50) this.over50 += 1;
  }
}

/** Runs `task` with a meter and returns both. */
export async function measureStall<T>(task: () => Promise<T>): Promise<{ value: T; stall: StallReport }> {
  const meter = new StallMeter().start();
  try {
    const value = await task();
    return { value, stall: meter.stop() };
  } catch (error) {
    meter.stop();
    throw error;
  }
}
