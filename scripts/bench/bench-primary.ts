/**
 * The benchmark's primary: `tursodb --sync-server` at the lowest CPU priority.
 *
 * It stands in for Turso Cloud, whose work never runs on a worker's laptop. On
 * this 2-core machine a primary applying a first upload at full priority takes a
 * core from the app (main and its engine host), and the stall meter then read a
 * wait for a core (0 ms of CPU inside a 358 ms stall) as the app's stall. At
 * niceness 19 it still gets every cycle the app leaves idle, so sync throughput
 * is measured as before whenever the app is not busy.
 */
import { startLocalPrimary, type LocalPrimary } from '../../electron/core/primary/local-primary.js';

export const BENCH_PRIMARY_NICENESS = 19;

export function startBenchPrimary(options: { dbPath: string; port?: number; timeoutMs?: number }): Promise<LocalPrimary> {
  return startLocalPrimary({ ...options, niceness: BENCH_PRIMARY_NICENESS });
}
