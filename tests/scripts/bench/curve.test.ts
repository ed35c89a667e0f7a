/**
 * The `--curve` machinery on tiny sizes: each point is generated, served and
 * joined by a new laptop in a child process, and the table reports growing
 * sizes and a number for every figure. Timings are not judged (loaded machine).
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scripts/bench/config.js';
import { measureCurve, renderCurve, type CurvePoint, type CurveRow } from '../../../scripts/bench/curve.js';
import { tempDir } from '../../helpers/temp-dir.js';

const POINTS: CurvePoint[] = [
  { axis: 'jobs', jobs: 60, history: 1 },
  { axis: 'jobs', jobs: 240, history: 1 },
  { axis: 'history', jobs: 60, history: 8 },
];

const FIGURES: (keyof CurveRow)[] = ['primaryMB', 'downloadMB', 'firstPageMs', 'mainPeakMB', 'enginePeakMB', 'replicaDiskMB', 'pageMs', 'historyMs', 'firstSearchMs'];

describe('bench --curve', () => {
  it('parses the knobs and refuses bad values', () => {
    expect(parseArgs(['--curve', '--quick'])).toMatchObject({ curve: true, quick: true });
    expect(parseArgs(['--jobs', '5000', '--history=7', '--compacted'])).toMatchObject({ jobs: 5000, history: 7, compacted: true });
    expect(() => parseArgs(['--history', '0'])).toThrow(/--history needs a whole number ≥ 1/);
    expect(() => parseArgs(['--jobs', 'many'])).toThrow(/--jobs needs a whole number/);
  });

  it('measures each point through a new laptop and tabulates growing sizes', async () => {
    const rows = await measureCurve(POINTS, { scratchDir: tempDir('fieldbook-curve-') });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      for (const figure of FIGURES) {
        const value = row[figure];
        expect(typeof value, `${figure} at ${row.jobs}×${row.history}`).toBe('number');
        expect(Number.isFinite(value as number) && (value as number) > 0, `${figure} at ${row.jobs}×${row.history} = ${value}`).toBe(true);
      }
      expect(row.changes).toBe(row.jobs * row.history + Math.max(1, Math.round(row.jobs / 200)));
      // A job's history holds its create and every edit.
      expect(row.historyEntries).toBe(row.history);
      // Read from /proc (Linux, as here): the search's CPU in main and the engine host.
      expect(row.firstSearchCpuMs).toBeGreaterThanOrEqual(0);
    }
    const [small, large, long] = rows as [CurveRow, CurveRow, CurveRow];
    expect(large.changes).toBeGreaterThan(small.changes);
    expect(large.primaryMB).toBeGreaterThan(small.primaryMB);
    expect(large.downloadMB).toBeGreaterThan(small.downloadMB);
    expect(long.changes).toBeGreaterThan(small.changes);
    expect(long.primaryMB).toBeGreaterThan(small.primaryMB);

    const table = renderCurve(rows);
    expect(table).toContain('| jobs | changes/job | changes |');
    expect(table).toMatch(/\| 240 \| 1 \| \d+ \|/);
    expect(table).toMatch(/\| 60 \| 8 \| \d+ \|/);
  }, 240_000);
});
