/**
 * The background sync loop: push, then pull, whenever there is reason to
 * (a local write, a periodic tick, the primary coming back, "Sync now"). It is
 * a service with start/stop; timers, clock, randomness and probe are injected.
 */
import type { SyncState, SyncStatus } from '../../../shared/domain/sync.js';
import type { Replica, RemoteTarget } from '../db/replica.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { describeSyncError } from './describe-error.js';
import type { Probe } from './probe.js';

export interface SyncTimings {
  /** Between successful cycles: how often remote changes are looked for. */
  pollMs: number;
  /** After a local write: wait this long for more writes before pushing. */
  debounceMs: number;
  /** Retry schedule while the primary is unreachable. */
  offline: BackoffPolicy;
  /** Retry schedule while the primary answers but sync fails. */
  failing: BackoffPolicy;
}

export const DEFAULT_TIMINGS: SyncTimings = {
  pollMs: 5_000,
  debounceMs: 300,
  offline: { baseMs: 1_000, maxMs: 3_000 },
  failing: { baseMs: 1_000, maxMs: 60_000 },
};

export interface SyncServiceDeps {
  replica: Replica;
  remote: () => RemoteTarget | null;
  probe: Probe;
  /** Runs after every successful pull (reconcile, schema check, notify the UI). */
  afterPull?: (changed: boolean) => Promise<void>;
  onStatus?: (status: SyncStatus) => void;
  timings?: Partial<SyncTimings>;
  now?: () => number;
  random?: () => number;
}

export class SyncService {
  private readonly timings: SyncTimings;
  private readonly now: () => number;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private current: SyncStatus = {
    state: 'not_configured',
    pendingChanges: 0,
    lastPushAt: null,
    lastPullAt: null,
    lastError: null,
    nextRetryAt: null,
  };

  constructor(private readonly deps: SyncServiceDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.now = deps.now ?? Date.now;
  }

  get status(): SyncStatus {
    return { ...this.current };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.refreshPending();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.inFlight;
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
    if (this.running) this.schedule(0);
  }

  /** Run one cycle now (waiting for one in progress first) and report the outcome. */
  async syncNow(): Promise<SyncStatus> {
    if (this.inFlight) await this.inFlight;
    this.failures = 0;
    await this.cycle();
    return this.status;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
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
    if (this.current.state !== 'up_to_date') this.publish({ state: 'connecting' });
    if (!(await this.deps.probe(remote.url))) {
      this.fail('offline', 'The primary could not be reached. Your changes are saved on this laptop and will sync when the connection returns.');
      return;
    }
    try {
      this.publish({ state: 'pushing' });
      await this.deps.replica.push();
      this.publish({ lastPushAt: new Date(this.now()).toISOString() });
      this.publish({ state: 'pulling' });
      const changed = await this.deps.replica.pull();
      await this.deps.afterPull?.(changed);
      this.failures = 0;
      await this.refreshPending();
      this.publish({
        state: 'up_to_date',
        lastPullAt: new Date(this.now()).toISOString(),
        lastError: null,
        nextRetryAt: null,
      });
      const morePending = this.again || this.current.pendingChanges > 0;
      this.schedule(morePending ? this.timings.debounceMs : this.timings.pollMs);
    } catch (error) {
      const reachable = await this.deps.probe(remote.url);
      this.fail(reachable ? 'error' : 'offline', describeSyncError(error));
    }
  }

  private fail(state: SyncState, message: string): void {
    const policy = state === 'offline' ? this.timings.offline : this.timings.failing;
    const delay = backoffDelay(this.failures, policy, this.deps.random);
    this.failures += 1;
    void this.refreshPending();
    this.publish({ state, lastError: message, nextRetryAt: new Date(this.now() + delay).toISOString() });
    this.schedule(delay);
  }

  private async refreshPending(): Promise<void> {
    try {
      this.publish({ pendingChanges: await this.deps.replica.pendingChanges() });
    } catch {
      // A closed or broken replica reports its failure through the next cycle.
    }
  }

  private publish(change: Partial<SyncStatus>): void {
    const next = { ...this.current, ...change };
    const same = (Object.keys(next) as (keyof SyncStatus)[]).every((k) => next[k] === this.current[k]);
    this.current = next;
    if (!same) this.deps.onStatus?.(this.status);
  }
}
