/**
 * Failures in a row, per kind, for the sync loop: the retry delay (full jitter,
 * doubling up to the policy's cap) and whether Repair is due. Two runs are kept:
 * transient failures (offline, busy) say nothing about the replica, so they use
 * the short schedule and neither count toward Repair nor break a run of other
 * failures; any other failure extends its kind's run or starts a new one. Only
 * a fully successful cycle ends both (`reset`); "Sync now" and pokes do not.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { isRepairable, isTransient, type SyncFailureKind } from './failure-kind.js';

export interface FailurePolicy {
  /** Schedule for transient failures (primary unreachable, database busy). */
  offline: BackoffPolicy;
  /** Schedule while the primary answers but sync fails. */
  failing: BackoffPolicy;
  /** Failures of one repairable kind in a row after which Repair is offered. */
  wedgedAfter: number;
}

export interface FailureVerdict {
  kind: SyncFailureKind;
  /** Failures of this kind in a row, this one included. */
  inARow: number;
  delayMs: number;
  /** Offer Repair: a repairable kind failed `wedgedAfter` times in a row. */
  wedged: boolean;
}

interface Run {
  kind: SyncFailureKind;
  inARow: number;
}

export class FailureCount {
  private lasting: Run | null = null;
  private transient: Run | null = null;

  constructor(
    private readonly policy: FailurePolicy,
    private readonly random?: () => number,
  ) {}

  record(kind: SyncFailureKind): FailureVerdict {
    if (isTransient(kind)) {
      this.transient = extend(this.transient, kind);
      const delayMs = backoffDelay(this.transient.inARow - 1, this.policy.offline, this.random);
      return { kind, inARow: this.transient.inARow, delayMs, wedged: false };
    }
    this.transient = null;
    this.lasting = extend(this.lasting, kind);
    const { inARow } = this.lasting;
    const delayMs = backoffDelay(inARow - 1, this.policy.failing, this.random);
    return { kind, inARow, delayMs, wedged: isRepairable(kind) && inARow >= this.policy.wedgedAfter };
  }

  reset(): void {
    this.lasting = null;
    this.transient = null;
  }
}

function extend(run: Run | null, kind: SyncFailureKind): Run {
  return run?.kind === kind ? { kind, inARow: run.inARow + 1 } : { kind, inARow: 1 };
}
