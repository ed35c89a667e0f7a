/**
 * The background sync loop: push, then pull, then reconcile, whenever there is
 * reason to (a local write, a periodic tick, the primary coming back, the
 * machine waking up, "Sync now"). It is a service with start/stop; timers,
 * clock, randomness and probe are injected.
 */
import type { SyncState, SyncStatus } from '../../../shared/domain/sync.js';
import { isCorruptionError } from '../db/corruption-error.js';
import type { Replica, RemoteTarget } from '../db/replica.js';
import type { BackoffPolicy } from './backoff.js';
import { maskSecrets, shortenMasked, type Secrets } from '../log/secret-mask.js';
import { describeSyncError } from './describe-error.js';
import type { DownloadMeter } from './download-meter.js';
import type { UploadMeter } from './upload-meter.js';
import type { ClockReport } from './clock-offset.js';
import { FailureCount } from './failure-count.js';
import { classifySyncFailure, type SyncFailureKind } from './failure-kind.js';
import { UNCHECKED, WHOLE, type PrimaryVerdict } from './primary-check.js';
import type { Probe } from './probe.js';
import type { SyncStateFile } from './sync-state-file.js';

export interface SyncTimings {
  /** Between successful cycles: how often remote changes are looked for. */
  pollMs: number;
  /** After a local write: wait this long for more writes before pushing. */
  debounceMs: number;
  /** The first write of a burst pushes within this long, however many writes follow it. */
  maxDebounceMs: number;
  /** Retry schedule while the primary is unreachable (or the database is busy with edits). */
  offline: BackoffPolicy;
  /** Retry schedule while the primary answers but sync fails. */
  failing: BackoffPolicy;
  /** How often the wake-from-sleep check runs. */
  heartbeatMs: number;
  /** A heartbeat this much later than due means the machine slept: sync at once. */
  wakeGapMs: number;
  /** Failures of one repairable kind in a row, with the primary answering, after which a repair is offered. */
  wedgedAfter: number;
}

export const DEFAULT_TIMINGS: SyncTimings = {
  pollMs: 3_000,
  debounceMs: 300,
  maxDebounceMs: 2_000,
  offline: { baseMs: 1_000, maxMs: 3_000 },
  failing: { baseMs: 1_000, maxMs: 60_000 },
  heartbeatMs: 5_000,
  wakeGapMs: 30_000,
  wedgedAfter: 4,
};

export interface SyncServiceDeps {
  replica: Replica;
  remote: () => RemoteTarget | null;
  probe: Probe;
  /** Runs after every successful pull (reconcile, schema check, notify the UI). */
  afterPull?: (changed: boolean) => Promise<void>;
  /**
   * After a cycle that left nothing pending: whether the primary holds all this
   * replica's history (the engine cannot tell), or 'unchecked' when an edit
   * landed meanwhile. Throws (PrimaryCheckError) when the primary cannot be
   * asked: the cycle then fails.
   */
  verifyPrimary?: (remote: RemoteTarget) => Promise<PrimaryVerdict>;
  /** Called once when failures look permanent, to put unpushed edits somewhere safe. */
  onWedged?: (error: unknown) => Promise<void>;
  /** The engine said the replica's files are damaged (see reportDamage). */
  onDamage?: (error: unknown) => void;
  onStatus?: (status: SyncStatus) => void;
  /** The primary answered the probe: e.g. measure the clock offset when due (clock-offset.ts). */
  onReachable?: (remote: RemoteTarget) => Promise<void>;
  /** Persists last push/pull times so a restarted app shows where it was. */
  stateFile?: SyncStateFile;
  meter?: DownloadMeter;
  /** Counts what a large push has sent, for `status.upload`. */
  upload?: UploadMeter;
  timings?: Partial<SyncTimings>;
  now?: () => number;
  random?: () => number;
}

/** Why the timer is set: a write may move a debounce, but never a retry or an earlier poll. */
type TimerReason = 'poll' | 'write' | 'retry' | 'now';

const OFFLINE_MESSAGE =
  'The primary could not be reached. Your changes are saved on this laptop and will sync when the connection returns.';

export class SyncService {
  private readonly timings: SyncTimings;
  private readonly now: () => number;
  private replica: Replica;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerReason: TimerReason | null = null;
  private timerDue = 0;
  /** Set by the first local write no cycle has started for yet: that write pushes by then. */
  private writeDeadline: number | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastBeat = 0;
  private inFlight: Promise<void> | null = null;
  private counting: Promise<void> | null = null;
  private countAgain = false;
  private again = false;
  private readonly failures: FailureCount;
  /** Set by reportDamage: no automatic cycles until a repair swaps the replica. */
  private damaged = false;
  private current: SyncStatus;
  private readonly usedTokens = new Set<string>();

  constructor(private readonly deps: SyncServiceDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.now = deps.now ?? Date.now;
    this.replica = deps.replica;
    this.failures = new FailureCount(this.timings, deps.random);
    const saved = deps.stateFile?.current;
    this.current = {
      state: 'not_configured',
      pendingChanges: 0,
      lastPushAt: saved?.lastPushAt ?? null,
      lastPullAt: saved?.lastPullAt ?? null,
      lastError: null,
      nextRetryAt: null,
      download: null,
      upload: null,
      needsRepair: false,
      notice: null,
      clockOffsetMs: null,
      clockWarning: null,
    };
    deps.meter?.onProgress((download) => {
      if (this.current.state === 'pulling') this.publish({ download });
    });
    deps.upload?.onProgress((upload) => {
      if (this.current.state === 'pushing') this.publish({ upload });
    });
  }

  get status(): SyncStatus {
    return { ...this.current };
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.refreshPending();
    this.lastBeat = this.now();
    this.heartbeat = setInterval(() => this.beat(), this.timings.heartbeatMs);
    this.schedule(0, 'now');
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.inFlight;
  }

  /** Swap the replica after a repair; call while stopped. */
  useReplica(replica: Replica): void {
    this.replica = replica;
    this.damaged = false;
    this.failures.reset();
    this.publish({ needsRepair: false, lastError: null });
  }

  /**
   * The replica's files are damaged: retrying can never fix that, and every
   * attempt reads bad pages again. Stop automatic cycles ("Sync now" still
   * tries) and offer Repair. Called by the loop and by handlers that met it.
   */
  reportDamage(error: unknown): void {
    this.damaged = true;
    this.clearTimer();
    this.deps.onDamage?.(error);
    const text = shortenMasked(error instanceof Error ? error.message : String(error), 200, this.secrets());
    this.publish({
      state: 'error',
      needsRepair: true,
      nextRetryAt: null,
      lastError: this.withoutToken(
        `This laptop's copy of the workspace is damaged (${text}), so sync has stopped retrying. ` +
          'Use "Repair" on the Sync screen to rebuild it from the primary; the damaged files are kept, never deleted.',
      ),
    });
  }

  setNotice(notice: string | null): void {
    this.publish({ notice });
  }

  setClock(report: ClockReport): void {
    this.publish(report);
  }

  /**
   * A local write happened: push after a short quiet period, but by the
   * deadline the burst's first write set, so continuous editing still flows.
   * Called on every edit, so it only does timer bookkeeping.
   */
  notifyLocalWrite(): void {
    void this.refreshPending();
    this.writeDeadline ??= this.now() + this.timings.maxDebounceMs;
    if (this.running && !this.inFlight) this.scheduleForWrites();
    else this.again = true;
  }

  /**
   * Settings changed, the machine woke up, or the OS says we are online: try
   * now. The failures in a row stay counted (a retry proves nothing yet).
   */
  poke(): void {
    if (this.running && !this.inFlight) this.schedule(0, 'now');
    else this.again = true;
  }

  /** Run one cycle now (waiting for one in progress first) and report the outcome. */
  async syncNow(): Promise<SyncStatus> {
    if (this.inFlight) await this.inFlight;
    await this.cycle();
    return this.status;
  }

  /** Timers do not fire while the laptop sleeps: a late heartbeat means it just woke. */
  private beat(): void {
    const now = this.now();
    const late = now - this.lastBeat - this.timings.heartbeatMs;
    this.lastBeat = now;
    if (late > this.timings.wakeGapMs) this.poke();
  }

  /** Debounced, capped by the write deadline; a pending retry or an earlier poll is left alone. */
  private scheduleForWrites(): void {
    if (this.timerReason === 'retry' || this.timerReason === 'now') return;
    const now = this.now();
    const due = Math.min(now + this.timings.debounceMs, this.writeDeadline ?? Infinity);
    if (this.timerReason === 'poll' && this.timerDue <= due) return;
    if (this.timerReason === 'write' && this.timerDue === due) return; // pinned at the deadline already
    this.schedule(Math.max(0, due - now), 'write');
  }

  private schedule(delayMs: number, reason: TimerReason): void {
    if (!this.running || this.damaged) return;
    this.clearTimer();
    this.timerReason = reason;
    this.timerDue = this.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerReason = null;
      void this.cycle();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerReason = null;
  }

  private cycle(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.runCycle().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async runCycle(): Promise<void> {
    this.clearTimer();
    this.again = false;
    // This cycle's push takes every write so far; the next write starts a new burst.
    this.writeDeadline = null;
    const remote = this.deps.remote();
    if (remote?.authToken) this.usedTokens.add(remote.authToken);
    if (!remote) {
      this.publish({ state: 'not_configured', nextRetryAt: null, lastError: null });
      return;
    }
    // While offline the status stays "Offline" during each probe instead of flickering.
    if (this.current.state !== 'up_to_date' && this.current.state !== 'offline') this.publish({ state: 'connecting' });
    if (!(await this.deps.probe(remote.url))) {
      await this.failed('offline', OFFLINE_MESSAGE, null);
      return;
    }
    await this.deps.onReachable?.(remote);
    try {
      this.publish({ state: 'pushing' });
      await this.deps.upload?.begin();
      await this.replica.push();
      this.deps.upload?.end();
      this.publish({ upload: null });
      const pushedAt = new Date(this.now()).toISOString();
      this.publish({ lastPushAt: pushedAt });
      this.deps.meter?.reset();
      this.publish({ state: 'pulling', download: null });
      const changed = await this.replica.pull();
      this.publish({ download: null });
      await this.deps.afterPull?.(changed);
      await this.refreshPending();
      const pulledAt = new Date(this.now()).toISOString();
      await this.deps.stateFile?.update({ lastPushAt: pushedAt, lastPullAt: pulledAt });
      // Push and pull worked, but the cycle has not succeeded until the primary is known to be whole.
      // An edit made during the cycle (before this count, or before the checker's own) leaves the primary's
      // history unchecked: the cycle got through but proves nothing about earlier failures, so their count
      // and any Repair offer stay until a checked cycle.
      const verdict = this.current.pendingChanges > 0 ? UNCHECKED : ((await this.deps.verifyPrimary?.(remote)) ?? WHOLE);
      if (verdict.kind === 'lost') {
        this.publish({ lastPullAt: pulledAt });
        await this.failed('primary-lost-data', verdict.problem, new Error(verdict.problem));
        return;
      }
      const checked = verdict.kind === 'whole';
      if (checked) this.failures.reset();
      this.publish({
        state: 'up_to_date',
        lastPullAt: pulledAt,
        lastError: null,
        nextRetryAt: null,
        // A cycle that got through does not mend damaged pages elsewhere in the file.
        needsRepair: this.damaged || (!checked && this.current.needsRepair),
      });
      // An unchecked cycle has an edit to push (pending in this cycle's count, or only in the checker's).
      if (this.again || !checked) this.scheduleForWrites();
      else this.schedule(this.timings.pollMs, 'poll');
    } catch (error) {
      this.deps.upload?.end();
      this.publish({ download: null, upload: null });
      if (isCorruptionError(error)) {
        this.reportDamage(error);
        return;
      }
      if (!(await this.deps.probe(remote.url))) {
        await this.failed('offline', describeSyncError(error, this.secrets()), error);
        return;
      }
      const kind = classifySyncFailure(error);
      // Edits kept the database busy for the whole retry budget: not damage, it clears by itself.
      const message = kind === 'busy' ? 'Sync is waiting for edits in progress to finish; it will continue by itself.' : describeSyncError(error, this.secrets());
      await this.failed(kind, message, error);
    }
  }

  /** Count the failure, offer Repair when its kind has failed often enough in a row, and schedule the retry. */
  private async failed(kind: SyncFailureKind, message: string, error: unknown): Promise<void> {
    const verdict = this.failures.record(kind);
    let text = message;
    if (verdict.wedged) {
      if (!this.current.needsRepair) await this.deps.onWedged?.(error).catch(() => undefined);
      text =
        `${message} This has failed ${verdict.inARow} times in a row, so retrying alone will not fix it. ` +
        'Your edits are saved on this laptop. Use "Repair" on the Sync screen: it rebuilds this copy from the primary ' +
        'and sends it every edit it lacks.';
    }
    const state: SyncState = kind === 'offline' ? 'offline' : 'error';
    void this.refreshPending();
    this.publish({
      state,
      lastError: this.withoutToken(text),
      nextRetryAt: new Date(this.now() + verdict.delayMs).toISOString(),
      // Once offered, Repair stays offered until a cycle fully succeeds or a repair swaps the replica.
      needsRepair: this.current.needsRepair || verdict.wedged,
    });
    this.schedule(verdict.delayMs, 'retry');
  }

  /**
   * The status goes to the renderer, and a server may echo the token in any
   * shape (pattern redaction catches Bearer headers and JWTs, not opaque
   * tokens): mask the live token by its value as well.
   */
  private withoutToken(message: string): string {
    return maskSecrets(message, this.secrets());
  }

  /** Every token a cycle used, not just the current one: a reply to an earlier token can arrive after Settings changed. */
  private secrets(): Secrets {
    const current = this.deps.remote()?.authToken;
    if (current) this.usedTokens.add(current);
    return [...this.usedTokens];
  }

  /**
   * Recount unpushed changes. The count scans the unpushed tail (hundreds of ms
   * on a large never-synced workspace), so a burst of writes must not queue one
   * count per write: at most one runs, and one more runs after it if asked for.
   */
  private refreshPending(): Promise<void> {
    if (this.counting) {
      this.countAgain = true;
      return this.counting;
    }
    this.counting = (async () => {
      do {
        this.countAgain = false;
        try {
          this.publish({ pendingChanges: await this.replica.pendingChanges() });
        } catch {
          // A closed or broken replica reports its failure through the next cycle.
        }
      } while (this.countAgain);
    })().finally(() => {
      this.counting = null;
    });
    return this.counting;
  }

  private publish(change: Partial<SyncStatus>): void {
    const next = { ...this.current, ...change };
    const same = (Object.keys(next) as (keyof SyncStatus)[]).every((k) => next[k] === this.current[k]);
    this.current = next;
    if (!same) this.deps.onStatus?.(this.status);
  }
}
