/**
 * Keeps the local WAL bounded while offline too: pulls (which also checkpoint)
 * may not happen for a whole day, so every Nth local write checks the WAL size.
 */
import { CHECKPOINT_WAL_BYTES, checkpointIfLarge, type Replica } from './replica.js';

export class WalGuard {
  private writes = 0;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly replica: Replica,
    private readonly everyWrites = 200,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly thresholdBytes = CHECKPOINT_WAL_BYTES,
  ) {}

  /** Resolves when no checkpoint started by the guard is still running. */
  async idle(): Promise<void> {
    await this.running;
  }

  noteWrite(): void {
    this.writes += 1;
    if (this.writes < this.everyWrites || this.running) return;
    this.writes = 0;
    this.running = checkpointIfLarge(this.replica, this.thresholdBytes)
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
  }
}
