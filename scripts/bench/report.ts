/** The run's JSON document and its readable form (Markdown tables, pasteable into the README). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSizes } from './config.js';
import type { CaseResult, RatioResult, TargetResult } from './results.js';

export interface MachineInfo {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
  totalMemoryMB: number;
  loadAverage: number[];
}

export interface BenchReport {
  schema: 1;
  mode: 'quick' | 'full' | 'laptop' | 'curve';
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  sizes: BenchSizes;
  notes: string[];
  cases: CaseResult[];
  ratios: RatioResult[];
  targets: TargetResult[];
}

export function machineInfo(): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemoryMB: Math.round(os.totalmem() / (1024 * 1024)),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(3)} ms`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'B') return `${value.toFixed(0)} B`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  return `${value}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const head = `Fieldbook bench (${report.mode}): ${report.sizes.jobs} jobs / ${report.sizes.sites} sites, ${report.startedAt}, ${(report.durationMs / 1000).toFixed(0)} s\n` +
    `Machine: ${m.nproc} cores, ${m.cpu}, ${Math.round(m.totalMemoryMB / 1024)} GB RAM, Node ${m.node}, ${m.platform}, load ${m.loadAverage.join(' ')} at start`;
  const cases = table(
    ['group', 'case', 'engine', 'median', 'p95', 'runs', 'details'],
    report.cases.map((c) => [
      c.group,
      c.label,
      c.engine,
      c.status === 'ok' ? formatValue(c.summary?.median, c.unit) : `skipped: ${c.reason}`,
      c.status === 'ok' ? formatValue(c.summary?.p95, c.unit) : '',
      c.status === 'ok' ? String(c.summary?.runs) : '',
      c.details ? Object.entries(c.details).map(([k, v]) => `${k}=${v}`).join(' ') : '',
    ]),
  );
  const ratios = table(
    ['figure', 'app / raw', 'ratio (medians)'],
    report.ratios.map((r) => [r.figure, `${r.app} / ${r.raw}`, formatValue(r.ratio, '×')]),
  );
  const targets = table(
    ['figure', 'target', 'measured', 'verdict'],
    report.targets.map((t) => [t.figure, t.target, formatValue(t.measured, t.unit), t.verdict.toUpperCase()]),
  );
  const notes = report.notes.map((n) => `- ${n}`).join('\n');
  return `${head}\n\n${cases}\n\n${ratios}\n\n${targets}\n${notes ? `\n${notes}\n` : ''}`;
}

/** Writes the JSON to bench-results/<name> (and `out`), and the Markdown to stdout. */
export function writeReport(report: unknown, markdown: string, name: string, out: string | null): void {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const latest = path.join('bench-results', name);
  for (const file of [latest, ...(out ? [out] : [])]) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, json);
  }
  process.stdout.write(`${markdown}\nResults written to ${[latest, out].filter(Boolean).join(' and ')}\n`);
}
