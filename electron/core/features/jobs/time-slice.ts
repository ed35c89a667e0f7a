/**
 * Long loops over every job in main (sorting the search index, scanning it)
 * run in slices of a few milliseconds with a yield between them: in Electron a
 * held main process freezes every window (target: no task over 50 ms). At
 * 100,000 jobs one sort of the index took ~50-100 ms and one scan for a rare
 * term ~50-130 ms on this machine, each in one go.
 */
import { performance } from 'node:perf_hooks';
import { yieldToLoop } from '../../sync/yield.js';

/** Steps between two looks at the clock (performance.now() is not free). */
const STEPS_PER_CHECK = 512;

export class TimeSlice {
  private sliceStart = performance.now();
  private steps = 0;

  constructor(private readonly budgetMs = 8) {}

  /** Counts `n` steps of work; true once this slice has used its budget (then `pause()`). */
  spent(n = 1): boolean {
    this.steps += n;
    if (this.steps < STEPS_PER_CHECK) return false;
    this.steps = 0;
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** Lets the event loop run, then starts a new slice. */
  async pause(): Promise<void> {
    await yieldToLoop();
    this.sliceStart = performance.now();
    this.steps = 0;
  }
}

/** Runs of this size are sorted natively in one step (well under a millisecond each). */
const RUN = 1_024;

/**
 * `items` sorted by `compare` (a copy; `items` is left as is), as a stable
 * `Array.prototype.sort` would order them, in slices: native sorts of short
 * runs, then bottom-up merges that yield whenever the slice is spent.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, slice: TimeSlice): Promise<T[]> {
  const n = items.length;
  let from: T[] = [];
  for (let start = 0; start < n; start += RUN) {
    const run = items.slice(start, start + RUN).sort(compare);
    for (const item of run) from.push(item);
    if (slice.spent(run.length)) await slice.pause();
  }
  let to: T[] = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        // Ties take the left run first: stable, like the native sort.
        if (j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0)) to[k++] = from[i++]!;
        else to[k++] = from[j++]!;
        if ((k & 255) === 0 && slice.spent(256)) await slice.pause();
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
