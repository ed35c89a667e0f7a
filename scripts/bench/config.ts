/** Command line and the sizes of each mode. */

export interface BenchSizes {
  jobs: number;
  sites: number;
  /** Timed runs for point reads (cheap). */
  pointRuns: number;
  /** Timed runs for page reads. */
  pageRuns: number;
  /** Timed runs for searches (each scans every job). */
  scanRuns: number;
  /** Single durable edits timed one by one. */
  editRuns: number;
  /** Edits in a row (local) and edits pushed/pulled (sync). */
  editBurst: number;
  /** Fresh processes opened for the start-up figure. */
  startupRuns: number;
  /** Primary restarts for the reconnect figure. */
  reconnectRuns: number;
  /**
   * Jobs per seeding transaction. Small, as a worker's edits are (one
   * transaction each): the engine never splits a transaction across push
   * requests, and it builds each request on the main thread, so seeding in
   * 5,000-job transactions made the first-upload figures measure the seeding.
   */
  seedBatch: number;
  /** Repeats of each sync figure (first download, push, pull). */
  syncRounds: number;
}

export const FULL: BenchSizes = {
  jobs: 100_000,
  sites: 500,
  pointRuns: 2_000,
  pageRuns: 200,
  scanRuns: 50,
  editRuns: 500,
  editBurst: 10_000,
  startupRuns: 5,
  reconnectRuns: 5,
  seedBatch: 125,
  syncRounds: 3,
};

export const QUICK: BenchSizes = {
  jobs: 2_000,
  sites: 20,
  pointRuns: 200,
  pageRuns: 30,
  scanRuns: 20,
  editRuns: 50,
  editBurst: 500,
  startupRuns: 2,
  reconnectRuns: 2,
  seedBatch: 125,
  syncRounds: 2,
};

export interface BenchArgs {
  quick: boolean;
  out: string | null;
  /** Keep the temp directory (replica files, primary) for inspection. */
  keep: boolean;
  /** Run only the case groups whose case ids start with this prefix (e.g. `app.search`), or with one of several, comma-separated; seeding and upload always run. */
  only: string | null;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, out: null, keep: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--keep') args.keep = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new Error('--out needs a file path');
      args.out = value;
    } else if (arg.startsWith('--out=')) args.out = arg.slice('--out='.length);
    else if (arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs a case id prefix');
      args.only = value;
    } else if (arg.startsWith('--only=')) args.only = arg.slice('--only='.length);
    else throw new Error(`unknown option ${arg} (expected --quick, --out FILE, --keep, --only PREFIX)`);
  }
  return args;
}

/**
 * Whether a case group runs under `--only`: it does when one of the group's
 * case id prefixes and the wanted prefix start one another (`app.search`
 * selects the reads group, `app` selects every app group).
 */
export function groupWanted(only: string | null, ...prefixes: string[]): boolean {
  if (only === null) return true;
  // Several prefixes, comma-separated (`--only app.get,turso-raw,engine-host`), select each one's groups.
  const wanted = only.split(',').filter((w) => w.length > 0);
  return wanted.some((w) => prefixes.some((p) => p.startsWith(w) || w.startsWith(p)));
}
