/**
 * Peak resident memory of a process and its children, read from Linux's
 * /proc (VmHWM: the high-water mark of the resident set, kept by the kernel,
 * so a short peak between two samples is not missed). Elsewhere these answer
 * null / [] and callers fall back to `process.resourceUsage().maxRSS`.
 */
import fs from 'node:fs';

export function peakResidentMB(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export function childProcessIds(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
      .filter((x) => x !== '')
      .map(Number);
  } catch {
    return [];
  }
}

export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
