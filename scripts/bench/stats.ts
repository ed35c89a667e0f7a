/** Summary statistics for benchmark samples and judging figures against targets. */

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; the value is always one that was measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Median as the mean of the two middle samples for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of no samples');
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new Error(`sample ${s} is not a finite number`);
    min = Math.min(min, s);
    max = Math.max(max, s);
    sum += s;
  }
  return { runs: samples.length, median: median(samples), p95: percentile(samples, 95), min, max, mean: sum / samples.length };
}

export type Verdict = 'pass' | 'fail' | 'skipped';

/** A target is an upper bound: at or under it passes. A missing figure is skipped, never passed. */
export function judge(measured: number | null, limit: number): Verdict {
  if (measured === null || !Number.isFinite(measured)) return 'skipped';
  return measured <= limit ? 'pass' : 'fail';
}

/** app / raw, or null when either side is missing or raw is zero. */
export function ratio(app: number | null, raw: number | null): number | null {
  if (app === null || raw === null || raw <= 0) return null;
  return app / raw;
}
