/**
 * How far this laptop's clock is from the team's clock (the primary's), so
 * edits are stamped with team time and a laptop set hours wrong still orders
 * its edits like real time. The primary answers `SELECT unixepoch('subsec')`
 * over its HTTP SQL endpoint (the local `tursodb` sends no `Date` header);
 * with t0/t1 the local clock before and after, the primary read its clock
 * somewhere in between, so offset = server − (t0 + t1) / 2 within ±RTT / 2.
 * Of a few samples the one with the smallest round trip is kept.
 *
 * The last offset is kept in a small private file beside the replica, so a
 * laptop that starts offline still corrects its clock.
 */
import fs from 'node:fs';
import { MAX_ADOPTED_LEAD_MS } from '../../../shared/hlc.js';
import type { RemoteTarget } from '../db/replica.js';
import { replaceFile } from '../fs/replace-file.js';
import { httpUrl } from './probe.js';

export interface OffsetEstimate {
  /** Add to the local clock to get the primary's time. */
  offsetMs: number;
  /** The true offset is within ±errorMs of offsetMs. */
  errorMs: number;
  rttMs: number;
}

export interface SavedOffset {
  offsetMs: number;
  errorMs: number;
  /** Primary time of the measurement (ISO). */
  measuredAt: string;
}

/** What the sync status says about the clock. */
export interface ClockReport {
  /** Primary's time minus this laptop's clock; null until first measured. */
  clockOffsetMs: number | null;
  /** Plain words when the laptop clock is off by more than CLOCK_WARNING_MS, else null. */
  clockWarning: string | null;
}

/** Re-measure at least this often while the primary answers. */
export const CLOCK_REMEASURE_MS = 10 * 60 * 1000;
/** After a failed measurement (the primary answered the probe, not the query). */
const RETRY_MS = 60 * 1000;
/** Warn the worker when their clock is off by more than a foreign stamp may lead and still be adopted. */
export const CLOCK_WARNING_MS = MAX_ADOPTED_LEAD_MS;
/**
 * Two reachable checks this far apart (by the local clock) mean the laptop
 * was offline or asleep, or its clock was set: measure again at once.
 */
const GAP_MS = 30 * 1000;
/** `unixepoch('subsec')` has millisecond resolution. */
const SERVER_RESOLUTION_MS = 1;

export interface MeasureOptions {
  /** The local (uncorrected) clock. */
  now: () => number;
  fetchImpl?: typeof fetch;
  samples?: number;
  timeoutMs?: number;
}

/** The primary's clock in epoch milliseconds, read over `/v2/pipeline` with the stored token. */
export async function primaryTime(remote: RemoteTarget, fetchImpl: typeof fetch = fetch, timeoutMs = 2000): Promise<number> {
  const response = await fetchImpl(`${httpUrl(remote.url).replace(/\/+$/, '')}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(remote.authToken ? { authorization: `Bearer ${remote.authToken}` } : {}) },
    body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql: "SELECT unixepoch('subsec')" } }] }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`primary answered HTTP ${response.status} to the clock query`);
  }
  const body = (await response.json()) as { results?: { response?: { result?: { rows?: { value?: unknown }[][] } } }[] };
  // Hrana sends floats as JSON numbers and integers as strings.
  const raw = body.results?.[0]?.response?.result?.rows?.[0]?.[0]?.value;
  const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`primary gave no usable time (${JSON.stringify(raw)})`);
  return Math.round(seconds * 1000);
}

/** Several samples, the one with the smallest round trip wins; throws only when every sample failed. */
export async function measureClockOffset(remote: RemoteTarget, options: MeasureOptions): Promise<OffsetEstimate> {
  const samples = Math.max(1, options.samples ?? 3);
  let best: OffsetEstimate | null = null;
  let lastError: unknown = null;
  for (let i = 0; i < samples; i++) {
    const t0 = options.now();
    let server: number;
    try {
      server = await primaryTime(remote, options.fetchImpl, options.timeoutMs);
    } catch (error) {
      lastError = error;
      continue;
    }
    const t1 = options.now();
    const rttMs = Math.max(0, t1 - t0);
    if (!best || rttMs < best.rttMs) {
      best = { offsetMs: Math.round(server - (t0 + t1) / 2), errorMs: Math.ceil(rttMs / 2) + SERVER_RESOLUTION_MS, rttMs };
    }
  }
  if (!best) throw lastError instanceof Error ? lastError : new Error('the clock could not be measured');
  return best;
}

export function clockOffsetPath(replicaPath: string): string {
  return `${replicaPath}.clock-offset.json`;
}

export function readSavedOffset(file: string): SavedOffset | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SavedOffset>;
    const { offsetMs, errorMs, measuredAt } = value;
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return null;
    if (typeof errorMs !== 'number' || !Number.isFinite(errorMs) || errorMs < 0) return null;
    if (typeof measuredAt !== 'string' || !Number.isFinite(Date.parse(measuredAt))) return null;
    return { offsetMs, errorMs, measuredAt };
  } catch {
    return null; // missing or damaged: uncorrected until the next measurement
  }
}

function writeSavedOffset(file: string, saved: SavedOffset): Promise<void> {
  return replaceFile(file, `${JSON.stringify(saved)}\n`);
}

function amount(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 90) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** Plain words for the status bar, or null when the clock is close enough. */
export function clockWarningText(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_WARNING_MS) return null;
  // offset = primary − laptop: a negative offset means the laptop runs ahead.
  const direction = offsetMs < 0 ? 'ahead of' : 'behind';
  return (
    `This laptop's clock is ${amount(offsetMs)} ${direction} the team's clock. ` +
    "Fieldbook corrects edit times for it, but please set the computer's date and time right (turn on automatic time)."
  );
}

export interface ClockOffsetOptions {
  /** Where the last offset is kept (clockOffsetPath(replica)). */
  file: string;
  /** The laptop's own clock. */
  localNow: () => number;
  /** Injected in tests; measures against the primary by default. */
  measure?: (remote: RemoteTarget, now: () => number) => Promise<OffsetEstimate>;
  remeasureMs?: number;
  logError?: (message: string, error: unknown) => void;
}

/** The laptop clock corrected by the last known offset, and when to measure it again. */
export class ClockOffset {
  private saved: SavedOffset | null;
  /** Local time the next measurement is due; null = at the first chance. */
  private dueAt: number | null = null;
  private lastReachableAt: number | null = null;
  private measuring: Promise<void> | null = null;
  private readonly listeners = new Set<(report: ClockReport) => void>();

  constructor(private readonly options: ClockOffsetOptions) {
    this.saved = readSavedOffset(options.file);
  }

  /** Team time: the local clock plus the last measured offset (0 while never measured). */
  readonly now = (): number => this.options.localNow() + (this.saved?.offsetMs ?? 0);

  get last(): SavedOffset | null {
    return this.saved;
  }

  get report(): ClockReport {
    const clockOffsetMs = this.saved?.offsetMs ?? null;
    return { clockOffsetMs, clockWarning: clockWarningText(clockOffsetMs) };
  }

  onChange(listener: (report: ClockReport) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Called whenever the primary answered a probe: measures when never measured
   * in this run, after CLOCK_REMEASURE_MS, or when the laptop seems to have
   * been offline, asleep or had its clock set. Never throws: a failed
   * measurement keeps the last offset and is tried again next time.
   */
  async measureIfDue(remote: RemoteTarget): Promise<void> {
    if (this.measuring) return this.measuring;
    const local = this.options.localNow();
    const gap = this.lastReachableAt === null ? Infinity : Math.abs(local - this.lastReachableAt);
    this.lastReachableAt = local;
    if (gap <= GAP_MS && this.dueAt !== null && local < this.dueAt) return;
    this.measuring = this.measureNow(remote).finally(() => {
      this.measuring = null;
    });
    return this.measuring;
  }

  private async measureNow(remote: RemoteTarget): Promise<void> {
    const measure = this.options.measure ?? ((target, now) => measureClockOffset(target, { now }));
    try {
      const estimate = await measure(remote, this.options.localNow);
      const local = this.options.localNow();
      this.dueAt = local + (this.options.remeasureMs ?? CLOCK_REMEASURE_MS);
      this.lastReachableAt = local;
      const next: SavedOffset = {
        offsetMs: estimate.offsetMs,
        errorMs: estimate.errorMs,
        measuredAt: new Date(local + estimate.offsetMs).toISOString(),
      };
      const changed = next.offsetMs !== this.saved?.offsetMs;
      this.saved = next;
      await writeSavedOffset(this.options.file, next);
      if (changed) for (const listener of this.listeners) listener(this.report);
    } catch (error) {
      this.dueAt = this.options.localNow() + RETRY_MS;
      this.options.logError?.('measuring the clock against the primary failed', error);
    }
  }
}
