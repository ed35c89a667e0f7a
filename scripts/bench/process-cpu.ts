/**
 * CPU time a process has used so far (user + system), read from Linux's
 * /proc/<pid>/stat. A wall-clock figure taken on a shared machine mixes work with
 * waiting for a core; the CPU a step used does not, so how a cost grows with size
 * can be told from the machine's load. Elsewhere it answers null.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc's utime and stime: USER_HZ, 100 on Linux. */
const TICKS_PER_SECOND = 100;

export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing paren): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** Sum over the processes (null when none could be read). */
export function totalCpuMs(pids: readonly number[]): number | null {
  const each = pids.map(processCpuMs).filter((x): x is number => x !== null);
  return each.length > 0 ? each.reduce((a, b) => a + b, 0) : null;
}
