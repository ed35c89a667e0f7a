/** Deterministic, realistic-looking sample data: the same seed gives the same workspace. */
import { JOB_PRIORITIES, JOB_STATUSES, type JobPriority, type JobStatus } from '../../shared/domain/jobs.js';


const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const VERBS = ['Inspect', 'Repair', 'Service', 'Replace', 'Test', 'Calibrate', 'Clean', 'Install'];
const ASSETS = ['boiler', 'pump', 'valve', 'fire alarm', 'elevator', 'HVAC unit', 'generator', 'sprinkler', 'meter', 'roof drain'];
const NOTES = [
  'Access through the loading dock.',
  'Bring the ladder and spare gaskets.',
  'Customer reports noise at start-up.',
  'Check pressure before and after.',
  'Photos of the nameplate required.',
  'Key at the front desk.',
  'Previous visit left a temporary fix.',
  'Safety sign-off needed before work.',
];
const STREETS = ['Harbour Road', 'Mill Lane', 'Station Street', 'Quarry Way', 'Orchard Close', 'Canal Walk'];
export const WORKERS = ['Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dara Kelly', 'Eli Novak', 'Farah Aziz', 'Gus Lind', 'Hana Sato'];

/** Open work is the biggest share, as on a real board. */
const STATUS_WEIGHTS: Record<JobStatus, number> = { open: 0.4, in_progress: 0.2, blocked: 0.1, done: 0.3 };

function weightedStatus(rand: () => number): JobStatus {
  let r = rand();
  for (const status of JOB_STATUSES) {
    r -= STATUS_WEIGHTS[status];
    if (r <= 0) return status;
  }
  return 'open';
}

export interface SiteSample {
  name: string;
  address: string;
}

export function siteSample(i: number, rand: () => number): SiteSample {
  return { name: `Site ${String(i).padStart(4, '0')} ${pick(rand, STREETS)}`, address: `${1 + Math.floor(rand() * 300)} ${pick(rand, STREETS)}` };
}

export interface JobSample {
  title: string;
  description: string;
  priority: JobPriority;
  status: JobStatus;
  assignee: string | null;
  dueDate: string | null;
}

const DAY_MS = 86_400_000;

/** Titles carry a unique number, so a search for one number matches exactly one job. */
export function jobSample(i: number, rand: () => number, today: number): JobSample {
  const due = rand() < 0.9 ? new Date(today + Math.floor((rand() - 0.4) * 360) * DAY_MS).toISOString().slice(0, 10) : null;
  return {
    title: `${pick(rand, VERBS)} ${pick(rand, ASSETS)} #${100000 + i}`,
    description: `${pick(rand, NOTES)} ${pick(rand, NOTES)}`,
    priority: pick(rand, JOB_PRIORITIES),
    status: weightedStatus(rand),
    assignee: rand() < 0.8 ? pick(rand, WORKERS) : null,
    dueDate: due,
  };
}
