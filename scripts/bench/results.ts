/** What a run records: each case's figures, app/raw ratios and target verdicts. */
import { ratio, summarize, type Summary, type Verdict } from './stats.js';

export type Engine = 'app' | 'turso-raw' | 'better-sqlite3' | 'libsql' | 'engine' | 'in-process' | 'engine-host';
export type Unit = 'ms' | 'MB' | 'B';

export interface CaseResult {
  id: string;
  group: 'local' | 'raw' | 'startup' | 'memory' | 'sync';
  label: string;
  engine: Engine;
  unit: Unit;
  status: 'ok' | 'skipped';
  /** Why the case was skipped. */
  reason?: string;
  summary?: Summary;
  /** Extra facts about the case (rows returned, totals, counts). */
  details?: Record<string, number | string>;
}

export interface RatioResult {
  figure: string;
  app: string;
  raw: string;
  /** app median / raw median. */
  ratio: number | null;
}

export interface TargetResult {
  id: string;
  figure: string;
  /** Human form, as in the issue: "≤ 5 ms". */
  target: string;
  limit: number;
  measured: number | null;
  unit: string;
  verdict: Verdict;
  note?: string;
}

export class Results {
  readonly cases: CaseResult[] = [];
  readonly ratios: RatioResult[] = [];

  add(result: CaseResult): CaseResult {
    this.cases.push(result);
    return result;
  }

  samples(id: string, group: CaseResult['group'], label: string, engine: Engine, unit: Unit, samples: number[], details?: CaseResult['details']): CaseResult {
    return this.add({ id, group, label, engine, unit, status: 'ok', summary: summarize(samples), ...(details ? { details } : {}) });
  }

  skip(id: string, group: CaseResult['group'], label: string, engine: Engine, unit: Unit, reason: string): CaseResult {
    return this.add({ id, group, label, engine, unit, status: 'skipped', reason });
  }

  get(id: string): CaseResult | undefined {
    return this.cases.find((c) => c.id === id);
  }

  median(id: string): number | null {
    return this.get(id)?.summary?.median ?? null;
  }

  addRatio(figure: string, app: string, raw: string): RatioResult {
    const result = { figure, app, raw, ratio: ratio(this.median(app), this.median(raw)) };
    this.ratios.push(result);
    return result;
  }
}
