/**
 * Writes a primary's database file directly, for workspaces far too large to
 * seed through the app's write path and a push (2 million changes would take
 * hours that way). The file is plain SQLite made with better-sqlite3:
 *
 * - the schema is the app's own: `migrate()` runs `migrations/` on it through
 *   the same `Db` layer the app uses (better-sqlite3 behind `wrapDatabase`);
 * - every row is what `recordEdit` would have written: sites and jobs as their
 *   current projection, one `changes` row per edit with a real HLC stamp
 *   (`encodeHlc`), a UUIDv7 id of the edit's time, `fields` JSON of the edited
 *   values followed by the who/when stamps, in `recordEdit`'s key order and without
 *   the `updatedAt`/`updatedBy` its columns carry (`storedFields`, as `recordEdit` writes it).
 *
 * The history is written month by month in time order (rowid order is arrival
 * order, as on a primary). After each month an optional fold step runs (history
 * compaction) with the cutoff stamp of the retention window, so the file's size
 * is what continuous compaction leaves, free pages reused included.
 *
 * Serve the file with `tursodb --sync-server` (startLocalPrimary) and a new
 * replica bootstraps from it like from any primary.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { MIGRATIONS } from '../../migrations/index.js';
import { wrapDatabase, type ConnectionLike, type Db, type SqlValue } from '../../electron/core/db/database.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { JOB_PRIORITIES, JOB_STATUSES } from '../../shared/domain/jobs.js';
import { storedFields } from '../../electron/core/changes/projection.js';
import { encodeHlc } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { seededRandom } from '../seeded-random.js';
import { moveIntoWal } from './primary-wal.js';
import { jobSample, siteSample, WORKERS } from './data.js';

const DAY_MS = 86_400_000;
export const MONTH_MS = 30 * DAY_MS;

export interface HistoryShape {
  jobs: number;
  /** Changes per job: its create plus `history - 1` updates (≥ 1). */
  history: number;
  sites: number;
  /** Months the history spans, ending at `endMs`. */
  months: number;
  /** A job's updates fall within this many days after it was created (its working life). */
  activeDays: number;
  /** The end of the history (the primary's "now"). */
  endMs: number;
  seed: number;
}

/**
 * Folds history older than `cutoffStamp` (an HLC stamp: every change stamped
 * below it may be folded). Runs after each generated month, on the primary's
 * file through the app's `Db` layer.
 */
export type FoldStep = (db: Db, cutoffStamp: string) => Promise<void>;

export interface GenerateOptions {
  /**
   * `everyDays`: how often the fold runs (default: once a generated month). The app's compaction
   * runs at most daily per laptop, so a real primary folds about daily: the space one fold frees is
   * what the next days' edits reuse, and what is still free at the end is about one fold's worth.
   */
  fold?: { step: FoldStep; retentionDays: number; everyDays?: number } | null;
  /** Told after each month (progress on stderr for long runs). */
  onMonth?: (month: number, months: number) => void;
}

export interface GeneratedPrimary {
  file: string;
  jobs: number;
  sites: number;
  /** `changes` rows written (before any fold). */
  changesWritten: number;
  /** `changes` rows left in the file. */
  changesLeft: number;
  /** The jobs with the most history, for "a job's history" figures. */
  sampleJobIds: string[];
  /** The database's size (pages × page size): what a new laptop downloads at least. */
  fileBytes: number;
  /** The primary's WAL, which holds every page (see primary-wal.ts). */
  walBytes: number;
  /** Pages on SQLite's free list: space a fold freed, reused by later months. */
  freePages: number;
  pageSize: number;
  generateMs: number;
}

export function defaultShape(jobs: number, history: number, overrides: Partial<HistoryShape> = {}): HistoryShape {
  return {
    jobs,
    history,
    sites: Math.max(1, Math.min(500, Math.round(jobs / 200))),
    months: 36,
    activeDays: 60,
    endMs: Date.now(),
    seed: 42,
    ...overrides,
  };
}

/** better-sqlite3 behind the app's `ConnectionLike`, so `migrate()` and a fold step run exactly as on a replica. */
function connectionOf(sqlite: Database.Database): ConnectionLike {
  return {
    prepare: async (sql) => {
      const stmt = sqlite.prepare(sql);
      return {
        all: async (...params) => (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])),
        get: async (...params) => (stmt.reader ? stmt.get(...params) : (stmt.run(...params), undefined)),
        run: async (...params) => ({ changes: stmt.run(...params).changes }),
      };
    },
    exec: async (sql) => void sqlite.exec(sql),
  };
}

/**
 * One device per worker: who edits is who the stamp names. Shaped like a real laptop's id (a UUIDv7, 36
 * characters, settings-store.ts): it is in every change's stamp and device_id and every fold's stamps, and
 * the 15-character ids used before made a generated workspace ~14% smaller than a real one.
 */
function deviceOf(worker: number): string {
  return `0190a000-0000-7000-8000-${String(worker).padStart(12, '0')}`;
}

type UpdateField = 'status' | 'assignee' | 'dueDate' | 'priority' | 'description' | 'title';
const UPDATE_COLUMNS: Record<UpdateField, string> = {
  status: 'status',
  assignee: 'assignee',
  dueDate: 'due_date',
  priority: 'priority',
  description: 'description',
  title: 'title',
};
/** What workers change most: status moves, reassignments, new due dates; titles rarely. */
const UPDATE_WEIGHTS: [UpdateField, number][] = [
  ['status', 0.4],
  ['assignee', 0.15],
  ['dueDate', 0.15],
  ['priority', 0.1],
  ['description', 0.15],
  ['title', 0.05],
];

interface GenEvent {
  ms: number;
  job: number;
  /** 0 = create, n = the job's n-th update. */
  step: number;
}

/** A job's edit times, the same whichever month asks: its own seeded stream. */
function createdAtMs(shape: HistoryShape, job: number, startMs: number): number {
  const spanMs = shape.months * MONTH_MS;
  return startMs + shape.sites + Math.floor(((job + 0.5) * (spanMs - shape.sites)) / shape.jobs);
}

function jobTimes(shape: HistoryShape, job: number, startMs: number): number[] {
  const created = createdAtMs(shape, job, startMs);
  const rand = seededRandom(shape.seed * 7919 + job * 104_729 + 1);
  const times = [created];
  const offsets = Array.from({ length: shape.history - 1 }, () => 1 + Math.floor(rand() * shape.activeDays * DAY_MS)).sort((a, b) => a - b);
  for (const offset of offsets) {
    // Strictly increasing, and never past the end of the history.
    const at = Math.max(times[times.length - 1]! + 1, Math.min(created + offset, shape.endMs - shape.history));
    times.push(at);
  }
  return times;
}

function pickWeighted(rand: () => number): UpdateField {
  let r = rand();
  for (const [field, weight] of UPDATE_WEIGHTS) {
    r -= weight;
    if (r <= 0) return field;
  }
  return 'status';
}

/** The value an update sets, drawn from the job's and step's own stream (deterministic). */
function updateValue(shape: HistoryShape, job: number, step: number, endMs: number): { field: UpdateField; value: string | null; worker: number } {
  const rand = seededRandom(shape.seed * 31 + job * 1_000_003 + step * 7);
  const field = pickWeighted(rand);
  const worker = Math.floor(rand() * WORKERS.length);
  const sample = jobSample(job + step * shape.jobs, rand, endMs);
  const value: Record<UpdateField, string | null> = {
    status: JOB_STATUSES[Math.floor(rand() * JOB_STATUSES.length)]!,
    assignee: sample.assignee,
    dueDate: sample.dueDate,
    priority: JOB_PRIORITIES[Math.floor(rand() * JOB_PRIORITIES.length)]!,
    description: `${sample.description} (visit ${step})`,
    title: sample.title,
  };
  return { field, value: value[field], worker };
}

export async function generatePrimary(file: string, shape: HistoryShape, options: GenerateOptions = {}): Promise<GeneratedPrimary> {
  if (!Number.isInteger(shape.jobs) || shape.jobs < 1) throw new Error(`jobs must be a whole number ≥ 1, got ${shape.jobs}`);
  if (!Number.isInteger(shape.history) || shape.history < 1) throw new Error(`history (changes per job) must be a whole number ≥ 1, got ${shape.history}`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; the generator never overwrites a file`);
  const began = Date.now();
  const sqlite = new Database(file);
  try {
    // The primary is served in WAL mode; generation itself needs no durability.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -131072');
    const db = wrapDatabase(connectionOf(sqlite));
    const startMs = shape.endMs - shape.months * MONTH_MS;
    await migrate(db, MIGRATIONS, () => new Date(startMs));

    const insertChange = sqlite.prepare(
      `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertSite = sqlite.prepare(
      `INSERT INTO sites (id, name, address, latitude, longitude, contact, notes, created_at, created_by, updated_at, updated_by, deleted_at)
       VALUES (?, ?, ?, NULL, NULL, '', '', ?, ?, ?, ?, NULL)`,
    );
    const insertJob = sqlite.prepare(
      `INSERT INTO jobs (id, title, description, site_id, priority, status, assignee, due_date, created_at, created_by, updated_at, updated_by, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const updateJob = Object.fromEntries(
      Object.entries(UPDATE_COLUMNS).map(([field, column]) => [field, sqlite.prepare(`UPDATE jobs SET ${column} = ?, updated_at = ?, updated_by = ? WHERE id = ?`)]),
    ) as Record<UpdateField, Database.Statement>;
    let changesWritten = 0;
    const change = (ms: number, entity: string, entityId: string, kind: string, worker: number, fields: Record<string, unknown>) => {
      const device = deviceOf(worker);
      const at = new Date(ms).toISOString();
      const actor = WORKERS[worker]!;
      insertChange.run(uuidv7(ms), entity, entityId, kind, encodeHlc({ wallMs: ms, counter: 0, deviceId: device }), device, actor, storedFields(fields as Record<string, SqlValue>, at, actor), at);
      changesWritten += 1;
    };

    // Sites first, one millisecond apart, as a team sets them up.
    const siteRand = seededRandom(shape.seed);
    const siteIds: string[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < shape.sites; i++) {
        const ms = startMs + i;
        const id = uuidv7(ms);
        const sample = siteSample(i, siteRand);
        const worker = i % WORKERS.length;
        const at = new Date(ms).toISOString();
        const actor = WORKERS[worker]!;
        insertSite.run(id, sample.name, sample.address, at, actor, at, actor);
        change(ms, 'site', id, 'create', worker, {
          name: sample.name,
          address: sample.address,
          latitude: null,
          longitude: null,
          contact: '',
          notes: '',
          createdAt: at,
          createdBy: actor,
          updatedAt: at,
          updatedBy: actor,
          deletedAt: null,
        });
        siteIds.push(id);
      }
    })();

    const jobIds = new Array<string>(shape.jobs);
    const createdMs = (job: number) => createdAtMs(shape, job, startMs);
    // Jobs are created in index order: the jobs with events in a month are one contiguous range.
    let firstLive = 0;
    let nextCreate = 0;
    for (let month = 0; month < shape.months; month++) {
      const from = startMs + month * MONTH_MS;
      const to = month === shape.months - 1 ? shape.endMs + 1 : from + MONTH_MS;
      while (firstLive < nextCreate && createdMs(firstLive) + shape.activeDays * DAY_MS < from) firstLive++;
      while (nextCreate < shape.jobs && createdMs(nextCreate) < to) nextCreate++;
      const events: GenEvent[] = [];
      for (let job = firstLive; job < nextCreate; job++) {
        const times = jobTimes(shape, job, startMs);
        times.forEach((ms, step) => {
          if (ms >= from && ms < to) events.push({ ms, job, step });
        });
      }
      events.sort((a, b) => a.ms - b.ms || a.job - b.job);
      // The month's edits in slices of the fold's cadence, a fold after each (one slice without folding).
      const sliceMs = options.fold?.everyDays ? Math.max(1, Math.round(options.fold.everyDays * DAY_MS)) : to - from;
      let next = 0;
      for (let sliceFrom = from; sliceFrom < to; sliceFrom += sliceMs) {
        const sliceTo = Math.min(to, sliceFrom + sliceMs);
        sqlite.transaction(() => {
          while (next < events.length && events[next]!.ms < sliceTo) writeEvent(events[next++]!);
        })();
        if (options.fold) {
          const cutoffMs = Math.min(sliceTo, shape.endMs) - options.fold.retentionDays * DAY_MS;
          if (cutoffMs > startMs) await options.fold.step(db, encodeHlc({ wallMs: cutoffMs, counter: 0, deviceId: '' }));
        }
      }
      options.onMonth?.(month + 1, shape.months);
    }

    function writeEvent(event: GenEvent): void {
      const at = new Date(event.ms).toISOString();
      if (event.step === 0) {
        const rand = seededRandom(shape.seed * 13 + event.job);
        const sample = jobSample(event.job, rand, shape.endMs);
        const worker = Math.floor(rand() * WORKERS.length);
        const actor = WORKERS[worker]!;
        const id = uuidv7(event.ms);
        jobIds[event.job] = id;
        const siteId = siteIds.length > 0 ? siteIds[event.job % siteIds.length]! : null;
        insertJob.run(id, sample.title, sample.description, siteId, sample.priority, sample.status, sample.assignee, sample.dueDate, at, actor, at, actor);
        change(event.ms, 'job', id, 'create', worker, {
          ...sample,
          siteId,
          createdAt: at,
          createdBy: actor,
          updatedAt: at,
          updatedBy: actor,
          deletedAt: null,
        });
        return;
      }
      const id = jobIds[event.job]!;
      const update = updateValue(shape, event.job, event.step, shape.endMs);
      const actor = WORKERS[update.worker]!;
      updateJob[update.field].run(update.value, at, actor, id);
      change(event.ms, 'job', id, 'update', update.worker, { [update.field]: update.value, updatedAt: at, updatedBy: actor });
    }

    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const freePages = Number(sqlite.pragma('freelist_count', { simple: true }));
    const changesLeft = Number((sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n);
    // Every job has `history` changes; the last-created ones have the most recent (unfolded) history.
    const sampleJobIds = jobIds.slice(-Math.min(10, jobIds.length)).reverse();
    sqlite.close();
    const wal = moveIntoWal(file);
    return {
      file,
      jobs: shape.jobs,
      sites: shape.sites,
      changesWritten,
      changesLeft,
      sampleJobIds,
      fileBytes: wal.pages * pageSize,
      walBytes: wal.walBytes,
      freePages,
      pageSize,
      generateMs: Date.now() - began,
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
