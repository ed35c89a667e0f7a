/**
 * The benchmark modes that need no seeded workspace: `--curve` and the
 * new-laptop cases alone (`--three-year`, `--only laptop`). Same report shape
 * and files as the main run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FULL, QUICK, THREE_YEAR, type BenchArgs } from './config.js';
import { FULL_CURVE, measureCurve, QUICK_CURVE, renderCurve } from './curve.js';
import { compactionFold, RETENTION_DAYS } from './fold-step.js';
import { runLaptopCases } from './laptop-cases.js';
import { machineInfo, renderMarkdown, writeReport, type BenchReport } from './report.js';
import { Results } from './results.js';
import { judgeTargets } from './targets.js';

export async function runAlone(args: BenchArgs, log: (message: string) => void): Promise<void> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const machine = machineInfo();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-'));
  try {
    if (args.curve) {
      const points = args.quick ? QUICK_CURVE : FULL_CURVE;
      log(`curve: ${points.length} generated workspaces${args.compacted ? ', compacted month by month' : ''}, each joined by a new laptop`);
      const rows = await measureCurve(points, { scratchDir: scratch, fold: args.compacted ? { step: compactionFold, retentionDays: RETENTION_DAYS } : null, log });
      const report = { schema: 1, mode: 'curve', quick: args.quick, compacted: args.compacted, startedAt, durationMs: Math.round(performance.now() - began), machine, rows };
      const head =
        `Fieldbook curve (${args.quick ? 'quick' : 'full'}${args.compacted ? ', compacted' : ''}), ${startedAt}, ${(report.durationMs / 1000).toFixed(0)} s\n` +
        `Machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, load ${machine.loadAverage.join(' ')} at start\n\n`;
      writeReport(report, head + renderCurve(rows), 'curve.json', args.out);
      return;
    }
    const results = new Results();
    const notes: string[] = [];
    const jobs = args.threeYear ? THREE_YEAR.jobs : (args.jobs ?? (args.quick ? QUICK : FULL).jobs);
    await runLaptopCases(args, jobs, { scratchDir: scratch, results, notes, log });
    const report: BenchReport = {
      schema: 1,
      mode: 'laptop',
      startedAt,
      durationMs: Math.round(performance.now() - began),
      machine,
      sizes: { ...(args.quick ? QUICK : FULL), jobs },
      notes,
      cases: results.cases,
      ratios: results.ratios,
      targets: judgeTargets(results),
    };
    writeReport(report, renderMarkdown(report), 'latest.json', args.out);
  } finally {
    if (args.keep) log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}
