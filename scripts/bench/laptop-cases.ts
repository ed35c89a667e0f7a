/**
 * The new-laptop cases run by `--jobs/--history` (one workspace of that size)
 * and `--three-year` (the 50,000 jobs × 40 changes, uncompacted and
 * compacted month by month). They are heavy, so only these flags run them.
 */
import { THREE_YEAR, type BenchArgs } from './config.js';
import { compactionFold, RETENTION_DAYS } from './fold-step.js';
import { measureNewLaptop, recordNewLaptop } from './new-laptop-bench.js';
import type { Results } from './results.js';

export interface LaptopCaseContext {
  scratchDir: string;
  results: Results;
  notes: string[];
  log: (message: string) => void;
}

export function wantsLaptopCases(args: BenchArgs): boolean {
  return args.threeYear || args.jobs !== null || args.history !== null || (args.only?.startsWith('laptop') ?? false);
}

/** `--three-year` or `--only laptop`: the case stands alone, with no seeded workspace. */
export function laptopCasesOnly(args: BenchArgs): boolean {
  return args.threeYear || (args.only?.startsWith('laptop') ?? false);
}

export async function runLaptopCases(args: BenchArgs, defaultJobs: number, ctx: LaptopCaseContext): Promise<void> {
  const jobs = args.threeYear ? THREE_YEAR.jobs : (args.jobs ?? defaultJobs);
  const history = args.threeYear ? THREE_YEAR.history : (args.history ?? 1);
  const fold = { step: compactionFold, retentionDays: RETENTION_DAYS };
  // The three-year case alone reports both; --compacted picks one.
  const variants: ('uncompacted' | 'compacted')[] = args.compacted ? ['compacted'] : args.threeYear ? ['uncompacted', 'compacted'] : ['uncompacted'];
  for (const variant of variants) {
    const measured = await measureNewLaptop({
      scratchDir: ctx.scratchDir,
      jobs,
      history,
      fold: variant === 'compacted' ? fold : null,
      log: ctx.log,
      cleanUp: !args.keep,
    });
    recordNewLaptop(ctx.results, measured, variant === 'compacted' ? 'compacted.' : '');
    ctx.notes.push(
      `New laptop, ${variant}: ${jobs} jobs × ${history} changes generated in ${(measured.generated.generateMs / 1000).toFixed(0)} s ` +
        `(${measured.generated.changesLeft} change rows left, ${(measured.generated.fileBytes / 1048576).toFixed(0)} MB, ${measured.generated.freePages} free pages)` +
        (variant === 'compacted' ? `; history older than ${RETENTION_DAYS} days folded after every month.` : '.'),
    );
  }
}
