/**
 * CI gate (`npm run lint:security`): runs electronegativity over the Electron
 * and renderer sources and fails on any finding of MEDIUM severity or above
 * that is not justified inline (see scripts/lib/electronegativity-findings.ts).
 * electronegativity itself always exits 0, so the gate reads its CSV report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeFinding, gate } from './lib/electronegativity-findings.js';
import { runElectronegativity } from './lib/run-electronegativity.js';

const root = path.resolve(import.meta.dirname, '..');
const SCANNED = ['electron', 'renderer/index.html', 'renderer/src'];

function filesOf(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return (fs.readdirSync(full, { recursive: true }) as string[]).map((f) => path.join(full, f)).filter((f) => fs.statSync(f).isFile());
}

// Scan a copy holding only our sources, with the same relative paths, so findings map back to repo files.
const scanRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-electronegativity-'));
try {
  for (const entry of SCANNED) fs.cpSync(path.join(root, entry), path.join(scanRoot, entry), { recursive: true });
  const findings = runElectronegativity(scanRoot);
  const result = gate(
    findings,
    (file) => fs.readFileSync(path.join(root, file), 'utf8'),
    () => SCANNED.flatMap(filesOf).map((f) => fs.readFileSync(f, 'utf8')),
  );
  for (const f of result.justified) console.log(`justified: ${describeFinding(f)}`);
  if (result.blocking.length > 0) {
    console.error(`electronegativity: ${result.blocking.length} unjustified finding(s) of MEDIUM severity or above:`);
    for (const f of result.blocking) console.error(`  ${describeFinding(f)}`);
    console.error('Fix them, or justify one inline with "// electronegativity-justified CHECK_ID: reason".');
    process.exitCode = 1;
  } else {
    console.log(`electronegativity: ${findings.length} finding(s), none blocking (${result.justified.length} justified inline).`);
  }
} finally {
  fs.rmSync(scanRoot, { recursive: true, force: true });
}
