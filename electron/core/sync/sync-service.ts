/**
 * The background sync loop: push, then pull, then reconcile, whenever there is
 * reason to (a local write, a periodic tick, the primary coming back, the
 * machine waking up, "Sync now"). It is a service with start/stop; timers,
 * clock, randomness and probe are injected.
 */
import type { SyncState, SyncStatus } from '../../../shared/domain/sync.js';
import { isCorruptionError } from '../db/corruption-error.js';
import { isBusyError } from '../db/database.js';
import type { Replica, RemoteTarget } from '../db/replica.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeSyncError } from './describe-error.js';
import type { DownloadMeter } from './download-meter.js';
import type { Probe } from './probe.js';
import type { SyncStateFile } from './sync-state-file.js';

export interface SyncTimings {
  /** Between successful cycles: how often remote changes are looked for. */
  pollMs: number;
  /** After a local write: wait this long for more writes before pushing. */
  debounceMs: number;
  /** Retry schedule while the primary is unreachable. */
  offline: BackoffPolicy;
  /** Retry schedule while the primary answers but sync fails. */
  failing: BackoffPolicy;
  /** How often the wake-from-sleep check runs. */
  heartbeatMs: number;
  /** A heartbeat this much later than due means the machine slept: sync at once. */
  wakeGapMs: number;
  /** Consecutive failures with the primary reachable after which a repair is offered. */
  wedgedAfter: number;
}

export const DEFAULT_TIMINGS: SyncTimings = {
  pollMs: 3_000,
  debounceMs: 300,
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
   * After a cycle that left nothing pending: a plain-words problem if the
   * primary is missing data this replica has (the engine cannot tell), else null.
   */
  verifyPrimary?: (remote: RemoteTarget) => Promise<string | null>;
  /** Called once when failures look permanent, to put unpushed edits somewhere safe. */
  onWedged?: (error: unknown) => Promise<void>;
  /** The engine said the replica's files are damaged (see reportDamage). */
  onDamage?: (error: unknown) => void;
  onStatus?: (status: SyncStatus) => void;
  /** Persists last push/pull times so a restarted app shows where it was. */
  stateFile?: SyncStateFile;
  meter?: DownloadMeter;
  timings?: Partial<SyncTimings>;
  now?: () => number;
  random?: () => number;
}

export class SyncService {
  private readonly timings: SyncTimings;
  private readonly now: () => number;
  private replica: Replica;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastBeat = 0;
  private inFlight: Promise<void> | null = null;
  private counting: Promise<void> | null = null;
  private countAgain = false;
  private again = false;
  private failures = 0;
  private errorsInARow = 0;
  /** Set by reportDamage: no automatic cycles until a repair swaps the replica. */
  private damaged = false;
  private current: SyncStatus;

  constructor(private readonly deps: SyncServiceDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.now = deps.now ?? Date.now;
    this.replica = deps.replica;
    const saved = deps.stateFile?.current;
    this.current = {
      state: 'not_configured',
      pendingChanges: 0,
      lastPushAt: saved?.lastPushAt ?? null,
      lastPullAt: saved?.lastPullAt ?? null,
      lastError: null,
      nextRetryAt: null,
      download: null,
      needsRepair: false,
      notice: null,
    };
    deps.meter?.onProgress((download) => {
      if (this.current.state === 'pulling') this.publish({ download });
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
    this.schedule(0);
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
    this.errorsInARow = 0;
    this.failures = 0;
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
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 200);
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

  /** A local write happened: push soon, after a short quiet period. */
  notifyLocalWrite(): void {
    void this.refreshPending();
    if (this.running && !this.inFlight) this.schedule(this.timings.debounceMs);
    else this.again = true;
  }

  /** Settings changed, the machine woke up, or the OS says we are online: try now. */
  poke(): void {
    this.failures = 0;
    if (this.running && !this.inFlight) this.schedule(0);
    else this.again = true;
  }

  /** Run one cycle now (waiting for one in progress first) and report the outcome. */
  async syncNow(): Promise<SyncStatus> {
    if (this.inFlight) await this.inFlight;
    this.failures = 0;
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

  private schedule(delayMs: number): void {
    if (!this.running || this.damaged) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.cycle();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
    const remote = this.deps.remote();
    if (!remote) {
      this.publish({ state: 'not_configured', nextRetryAt: null, lastError: null });
      return;
    }
    // While offline the status stays "Offline" during each probe instead of flickering.
    if (this.current.state !== 'up_to_date' && this.current.state !== 'offline') this.publish({ state: 'connecting' });
    if (!(await this.deps.probe(remote.url))) {
      this.fail('offline', 'The primary could not be reached. Your changes are saved on this laptop and will sync when the connection returns.');
      return;
    }
    try {
      this.publish({ state: 'pushing' });
      await this.replica.push();
      const pushedAt = new Date(this.now()).toISOString();
      this.publish({ lastPushAt: pushedAt });
      this.deps.meter?.reset();
      this.publish({ state: 'pulling', download: null });
      const changed = await this.replica.pull();
      this.publish({ download: null });
      await this.deps.afterPull?.(changed);
      this.failures = 0;
      this.errorsInARow = 0;
      await this.refreshPending();
      const pulledAt = new Date(this.now()).toISOString();
      this.deps.stateFile?.update({ lastPushAt: pushedAt, lastPullAt: pulledAt });
      const lost = this.current.pendingChanges === 0 ? await this.deps.verifyPrimary?.(remote) : null;
      if (lost) {
        this.publish({ lastPullAt: pulledAt, needsRepair: true });
        this.fail('error', lost);
        return;
      }
      this.publish({
        state: 'up_to_date',
        lastPullAt: pulledAt,
        lastError: null,
        nextRetryAt: null,
        // A cycle that got through does not mend damaged pages elsewhere in the file.
        needsRepair: this.damaged,
      });
      const morePending = this.again || this.current.pendingChanges > 0;
      this.schedule(morePending ? this.timings.debounceMs : this.timings.pollMs);
    } catch (error) {
      this.publish({ download: null });
      if (isCorruptionError(error)) {
        this.reportDamage(error);
        return;
      }
      const reachable = await this.deps.probe(remote.url);
      if (!reachable) {
        this.fail('offline', describeSyncError(error));
        return;
      }
      if (isBusyError(error)) {
        // Edits kept the database busy for the whole retry budget: try again soon, it is not damage.
        this.fail('error', 'Sync is waiting for edits in progress to finish; it will continue by itself.');
        return;
      }
      this.errorsInARow += 1;
      if (this.errorsInARow >= this.timings.wedgedAfter) {
        if (!this.current.needsRepair) await this.deps.onWedged?.(error).catch(() => undefined);
        this.publish({ needsRepair: true });
        this.fail(
          'error',
          `${describeSyncError(error)} This has failed ${this.errorsInARow} times in a row, so retrying alone may not fix it. ` +
            'Your edits are saved on this laptop. Use "Repair" on the Sync screen to rebuild this copy from the primary.',
        );
        return;
      }
      this.fail('error', describeSyncError(error));
    }
  }

  private fail(state: SyncState, message: string): void {
    const policy = state === 'offline' ? this.timings.offline : this.timings.failing;
    const delay = backoffDelay(this.failures, policy, this.deps.random);
    this.failures += 1;
    void this.refreshPending();
    this.publish({ state, lastError: this.withoutToken(message), nextRetryAt: new Date(this.now() + delay).toISOString() });
    this.schedule(delay);
  }

  /**
   * The status goes to the renderer, and a server may echo the token in any
   * shape (pattern redaction catches Bearer headers and JWTs, not opaque
   * tokens): mask the live token by its exact value as well.
   */
  private withoutToken(message: string): string {
    const token = this.deps.remote()?.authToken;
    return token && token.length >= 4 ? message.split(token).join('[redacted]') : message;
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
