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
  /** `--jobs N`: the workspace's job count (seeded cases and the new-laptop case). */
  jobs: number | null;
  /** `--history K`: changes per job (the create plus K - 1 edits); today's seeding makes 1. */
  history: number | null;
  /** `--three-year`: only the new-laptop case on the three-year workspace (50,000 jobs, 2 million changes). */
  threeYear: boolean;
  /** `--compacted`: generated workspaces are compacted month by month (history older than the retention window folded). */
  compacted: boolean;
  /** `--curve`: how each figure grows with jobs and with history (curve.ts); with --quick, tiny sizes. */
  curve: boolean;
}

/** The three-year team workspace. */
export const THREE_YEAR = { jobs: 50_000, history: 40 } as const;

function wholeNumber(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got ${JSON.stringify(value ?? null)}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, out: null, keep: false, only: null, jobs: null, history: null, threeYear: false, compacted: false, curve: false };
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
    else if (arg === '--jobs' || arg.startsWith('--jobs=')) args.jobs = wholeNumber('--jobs', arg.includes('=') ? arg.slice(7) : argv[++i], 10);
    else if (arg === '--history' || arg.startsWith('--history=')) args.history = wholeNumber('--history', arg.includes('=') ? arg.slice(10) : argv[++i], 1);
    else if (arg === '--three-year') args.threeYear = true;
    else if (arg === '--compacted') args.compacted = true;
    else if (arg === '--curve') args.curve = true;
    else throw new Error(`unknown option ${arg} (expected --quick, --out FILE, --keep, --only PREFIX, --jobs N, --history K, --three-year, --compacted, --curve)`);
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
