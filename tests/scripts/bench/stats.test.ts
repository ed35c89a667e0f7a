import { describe, expect, it } from 'vitest';
import { groupWanted, parseArgs } from '../../../scripts/bench/config.js';
import { Results } from '../../../scripts/bench/results.js';
import { judge, median, percentile, ratio, summarize } from '../../../scripts/bench/stats.js';
import { judgeTargets } from '../../../scripts/bench/targets.js';

describe('bench statistics', () => {
  it('median takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no samples/);
  });

  it('p95 is the nearest-rank sample, so it is always a measured value', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100 unsorted
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000], 95)).toBe(19);
    expect(() => percentile([1], 101)).toThrow(/outside/);
  });

  it('summarize reports runs, min, max and mean, and rejects non-numbers', () => {
    expect(summarize([2, 4, 9])).toEqual({ runs: 3, median: 4, p95: 9, min: 2, max: 9, mean: 5 });
    expect(() => summarize([1, Number.NaN])).toThrow(/not a finite number/);
  });

  it('a target is an upper bound; a missing figure is skipped, never passed', () => {
    expect(judge(5, 5)).toBe('pass');
    expect(judge(5.01, 5)).toBe('fail');
    expect(judge(null, 5)).toBe('skipped');
    expect(judge(Number.NaN, 5)).toBe('skipped');
  });

  it('ratio is app over raw, null when either is missing', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });
});

describe('bench targets', () => {
  it('judges each target from its figure and skips targets whose case was skipped', () => {
    const results = new Results();
    results.samples('app.get', 'local', 'get', 'app', 'ms', [0.03, 0.03, 0.03]);
    results.samples('turso-raw.get', 'raw', 'get', 'turso-raw', 'ms', [0.01, 0.01, 0.01]);
    results.addRatio('open one job', 'app.get', 'turso-raw.get');
    results.samples('app.page.status-due', 'local', 'page', 'app', 'ms', [1, 2, 3]);
    results.skip('app.edit', 'local', 'edit', 'app', 'ms', 'handler missing (jobs.update)');
    const verdicts = Object.fromEntries(judgeTargets(results).map((t) => [t.id, t]));
    expect(verdicts['get-ratio']!.verdict).toBe('fail');
    expect(verdicts['get-ratio']!.measured).toBeCloseTo(3);
    expect(verdicts.page!.verdict).toBe('pass');
    expect(verdicts.page!.measured).toBe(2);
    expect(verdicts.edit!.verdict).toBe('skipped');
    expect(verdicts.push!.verdict).toBe('skipped');
  });

  it('parses the command line and rejects unknown options', () => {
    expect(parseArgs(['--quick', '--out', 'x.json'])).toEqual({ quick: true, out: 'x.json', keep: false, only: null, jobs: null, history: null, threeYear: false, compacted: false, curve: false });
    expect(parseArgs(['--only', 'app.search']).only).toBe('app.search');
    expect(parseArgs(['--only=sync']).only).toBe('sync');
    expect(() => parseArgs(['--only'])).toThrow(/needs a case id prefix/);
    expect(groupWanted(null, 'sync.')).toBe(true);
    expect(groupWanted('app.search', 'app.get', 'app.search')).toBe(true);
    expect(groupWanted('app', 'app.edit')).toBe(true);
    expect(groupWanted('app.search', 'app.edit', 'sync.')).toBe(false);
    expect(groupWanted('app.get,turso-raw', 'turso-raw')).toBe(true);
    expect(groupWanted('app.get,turso-raw', 'engine-host', 'in-process')).toBe(false);
    expect(parseArgs(['--out=y.json']).out).toBe('y.json');
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--out'])).toThrow(/needs a file path/);
  });
});
