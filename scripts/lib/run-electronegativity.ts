/** Runs the electronegativity CLI over a folder and returns its parsed findings. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseFindingsCsv, type Finding } from './electronegativity-findings.js';

// Needs the network (GitHub) and says nothing about our code; Electron upgrades are reviewed separately.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export function runElectronegativity(scanRoot: string): Finding[] {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-electronegativity-report-'));
  try {
    const report = path.join(work, 'report.csv');
    execFileSync(
      process.execPath,
      [cli, '-i', scanRoot, '-o', report, '-r', '-v', 'false', '-e', electronVersion, '-x', EXCLUDED_CHECKS.join(',')],
      { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 },
    );
    // It exits 0 even when it fails, so a missing report is the failure signal.
    if (!fs.existsSync(report)) throw new Error(`electronegativity wrote no report for ${scanRoot}`);
    return parseFindingsCsv(fs.readFileSync(report, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
