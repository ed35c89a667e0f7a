/**
 * Randomized (fast-check, seeded): several laptops with skewed clocks build a
 * history of one replica's change log — jobs edited through the app's write
 * paths, offline edits stamped without seeing the newest value (as a pull
 * brings them, then reconciled), deletes, trash restores, history restores,
 * restores to a moment, checklists answered, signed off and reopened, notes,
 * site edits. For random moments (and exactly at and just before edit times)
 * "as it was at" must equal the test's own replay of the log up to then; and a
 * restore to a random moment must leave the job equal to its view at that moment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../../../../electron/core/changes/change-log.js';
import type { EntitySpec } from '../../../../../electron/core/changes/entity.js';
import { restoreField } from '../../../../../electron/core/changes/history.js';
import { applyProjections } from '../../../../../electron/core/changes/projection.js';
import type { SqlValue } from '../../../../../electron/core/db/database.js';
import { restoreJobToMoment } from '../../../../../electron/core/features/as-of/restore-moment.js';
import { inspectionEntity, inspectionItemEntity } from '../../../../../electron/core/features/inspections/inspection-entity.js';
import { jobEntity } from '../../../../../electron/core/features/jobs/job-entity.js';
import { restoreJobField, setJobStatus, updateJob } from '../../../../../electron/core/features/jobs/job-writes.js';
import { appendNote } from '../../../../../electron/core/features/notes/note-queries.js';
import { siteEntity } from '../../../../../electron/core/features/sites/site-entity.js';
import type { AsOfJob, AsOfSite } from '../../../../../shared/domain/as-of.js';
import { JOB_PRIORITIES, JOB_STATUSES } from '../../../../../shared/domain/jobs.js';
import { AppError } from '../../../../../shared/errors.js';
import { HybridClock } from '../../../../../shared/hlc.js';
import { uuidv7 } from '../../../../../shared/ids.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { readLog, replay, replayJob } from './replay-oracle.js';

const SEED = process.env.FIELDBOOK_SEED ? Number(process.env.FIELDBOOK_SEED) : 20261201;
const HOUR = 3_600_000;

interface Laptop {
  edits: EditContext;
  clock: HybridClock;
}

/** Virtual time, so a history spans hours without waiting; laptops read it through their own skew. */
class World {
  now = Date.now() - 20 * 24 * HOUR;
  readonly start = this.now;
  readonly laptops: Laptop[];
  readonly jobs: string[] = [];
  readonly sites: string[] = [];
  readonly inspections = new Map<string, { id: string; items: string[] }[]>();

  constructor(
    readonly core: Core,
    skews: readonly number[],
  ) {
    this.laptops = skews.map((skew, i) => {
      const deviceId = `laptop-${i}-${uuidv7().slice(-8)}`;
      const clock = new HybridClock(deviceId, () => this.now + skew);
      return { clock, edits: { clock, deviceId, actor: () => `Worker ${i}`, now: () => new Date(this.now + skew) } };
    });
  }

  write<T>(fn: (tx: Parameters<Parameters<Core['replica']['db']['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
    return this.core.replica.db.transaction(fn);
  }
}

const jobValues = fc.record(
  {
    title: fc.constantFrom('Boiler', 'Pump check', 'Valve', 'Fire door'),
    description: fc.constantFrom('', 'Plant room', 'Roof'),
    priority: fc.constantFrom(...JOB_PRIORITIES),
    assignee: fc.constantFrom(null, 'Ana', 'Bo'),
    dueDate: fc.constantFrom(null, '2026-12-01', '2027-01-15'),
  },
  { requiredKeys: [] },
);

const op = fc.oneof(
  fc.record({ type: fc.constant('createJob' as const), site: fc.nat(3) }),
  fc.record({ type: fc.constant('updateJob' as const), job: fc.nat(), values: jobValues }),
  fc.record({ type: fc.constant('offlineEdit' as const), job: fc.nat(), values: jobValues, status: fc.constantFrom(...JOB_STATUSES) }),
  fc.record({ type: fc.constant('status' as const), job: fc.nat(), status: fc.constantFrom(...JOB_STATUSES) }),
  fc.record({ type: fc.constant('deleteOrRestore' as const), job: fc.nat() }),
  fc.record({ type: fc.constant('note' as const), job: fc.nat(), body: fc.constantFrom('Arrived', 'Parts ordered', 'Done here') }),
  fc.record({ type: fc.constant('startChecklist' as const), job: fc.nat() }),
  fc.record({
    type: fc.constant('answer' as const),
    job: fc.nat(),
    item: fc.nat(),
    result: fc.constantFrom('pass', 'fail', 'na', null),
    comment: fc.constantFrom('', 'ok', 'leaking'),
    measurement: fc.constantFrom(null, 3.5, 12),
  }),
  fc.record({ type: fc.constant('signOffOrReopen' as const), job: fc.nat() }),
  fc.record({ type: fc.constant('editSite' as const), site: fc.nat(3), name: fc.constantFrom('Harbour', 'Depot', 'Mill', 'Quay'), del: fc.boolean() }),
  fc.record({ type: fc.constant('historyRestore' as const), job: fc.nat(), pick: fc.nat() }),
  fc.record({ type: fc.constant('restoreToMoment' as const), job: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('observe' as const) }),
);

const step = fc.record({ laptop: fc.nat(3), advanceMs: fc.integer({ min: 0, max: 20 * 60_000 }), op });

const liveJob = async (world: World, id: string) =>
  (await world.core.replica.db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM jobs WHERE id = ?', [id]))?.deleted_at === null;

/** A laptop that had not seen the newest edits: stamped by its own clock only, then reconciled as a pull would be. */
async function offlineEdit(world: World, laptop: Laptop, spec: EntitySpec, id: string, values: Record<string, SqlValue>): Promise<void> {
  const hlc = laptop.clock.tick();
  const at = laptop.edits.now().toISOString();
  const fields = { ...values, updatedAt: at, updatedBy: laptop.edits.actor() };
  await world.write(async (tx) => {
    await tx.run('INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      uuidv7(),
      spec.entity,
      id,
      'update',
      hlc,
      laptop.edits.deviceId,
      laptop.edits.actor(),
      JSON.stringify(fields),
      at,
    ]);
    await applyProjections(tx, spec, [id]);
  });
}

/** Refusals the app makes on purpose (nothing to restore, signed-off checklist) are part of a random history. */
async function tolerate(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

type OpValue = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(world: World, laptop: Laptop, o: OpValue): Promise<void> {
  const pickJob = (n: number) => world.jobs[n % world.jobs.length];
  const edits = laptop.edits;
  switch (o.type) {
    case 'createJob': {
      const id = uuidv7();
      world.jobs.push(id);
      await world.write((tx) =>
        recordEdit(tx, edits, jobEntity, {
          entityId: id,
          kind: 'create',
          values: { title: 'New job', description: '', priority: 'normal', status: 'open', assignee: null, assigneeId: null, dueDate: null, siteId: world.sites[o.site % world.sites.length]! },
        }),
      );
      return;
    }
    case 'updateJob': {
      const id = pickJob(o.job);
      if (!id) return;
      if (await liveJob(world, id)) await world.write((tx) => updateJob(tx, edits, id, o.values));
      else await world.write((tx) => recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'update', values: o.values }));
      return;
    }
    case 'offlineEdit': {
      const id = pickJob(o.job);
      if (id) await offlineEdit(world, laptop, jobEntity, id, { ...o.values, status: o.status });
      return;
    }
    case 'status': {
      const id = pickJob(o.job);
      if (id && (await liveJob(world, id))) await world.write((tx) => setJobStatus(tx, edits, id, o.status));
      return;
    }
    case 'deleteOrRestore': {
      const id = pickJob(o.job);
      if (!id) return;
      const live = await liveJob(world, id);
      await world.write((tx) => recordEdit(tx, edits, jobEntity, { entityId: id, kind: live ? 'delete' : 'restore', values: {} }));
      return;
    }
    case 'note': {
      const id = pickJob(o.job);
      if (id) await world.write((tx) => appendNote(tx, edits, id, 'note', o.body));
      return;
    }
    case 'startChecklist': {
      const id = pickJob(o.job);
      if (!id) return;
      const inspectionId = uuidv7();
      const items = [uuidv7(), uuidv7(), uuidv7()];
      await world.write(async (tx) => {
        await recordEdit(tx, edits, inspectionEntity, {
          entityId: inspectionId,
          kind: 'create',
          values: { jobId: id, templateId: 'template-1', templateName: `Safety ${world.jobs.length}`, signedOffAt: null, signedOffBy: null },
        });
        for (const [position, itemId] of items.entries()) {
          await recordEdit(tx, edits, inspectionItemEntity, {
            entityId: itemId,
            kind: 'create',
            values: { inspectionId, position, label: `Item ${position}`, result: null, comment: '', measurement: null, unit: '' },
          });
        }
        await appendNote(tx, edits, id, 'inspection', 'Checklist started');
      });
      world.inspections.set(id, [...(world.inspections.get(id) ?? []), { id: inspectionId, items }]);
      return;
    }
    case 'answer': {
      const id = pickJob(o.job);
      const list = id ? world.inspections.get(id) : undefined;
      if (!list) return;
      const inspection = list[o.item % list.length]!;
      const itemId = inspection.items[o.item % inspection.items.length]!;
      await world.write((tx) =>
        recordEdit(tx, edits, inspectionItemEntity, { entityId: itemId, kind: 'update', values: { result: o.result, comment: o.comment, measurement: o.measurement } }),
      );
      return;
    }
    case 'signOffOrReopen': {
      const id = pickJob(o.job);
      const inspection = id ? world.inspections.get(id)?.[0] : undefined;
      if (!inspection) return;
      const row = await world.core.replica.db.get<{ signed_off_at: string | null }>('SELECT signed_off_at FROM inspections WHERE id = ?', [inspection.id]);
      const values = row?.signed_off_at ? { signedOffAt: null, signedOffBy: null } : { signedOffAt: edits.now().toISOString(), signedOffBy: edits.actor() };
      await world.write((tx) => recordEdit(tx, edits, inspectionEntity, { entityId: inspection.id, kind: 'update', values }));
      return;
    }
    case 'editSite': {
      const id = world.sites[o.site % world.sites.length]!;
      const row = await world.core.replica.db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM sites WHERE id = ?', [id]);
      const kind = o.del ? (row?.deleted_at ? 'restore' : 'delete') : 'update';
      await world.write((tx) => recordEdit(tx, edits, siteEntity, { entityId: id, kind, values: kind === 'update' ? { name: o.name } : {} }));
      return;
    }
    case 'historyRestore': {
      const id = pickJob(o.job);
      if (!id) return;
      const changes = await world.core.replica.db.all<{ id: string; fields: string }>("SELECT id, fields FROM changes WHERE entity = 'job' AND entity_id = ? ORDER BY hlc", [id]);
      const change = changes[o.pick % changes.length]!;
      const fields = Object.keys(JSON.parse(change.fields) as object).filter((f) => !['createdAt', 'createdBy', 'updatedAt', 'updatedBy'].includes(f));
      const field = fields[o.pick % Math.max(1, fields.length)];
      if (field) await tolerate(() => restoreField(world.core.replica.db, world.core.entities, edits, change.id, field, { job: restoreJobField }));
      return;
    }
    case 'restoreToMoment': {
      const id = pickJob(o.job);
      if (!id) return;
      const at = new Date(world.start + (world.now - world.start) * o.at);
      await tolerate(() => world.write((tx) => restoreJobToMoment(tx, edits, id, at)));
      return;
    }
    case 'observe': {
      const row = await world.core.replica.db.get<{ hlc: string | null }>('SELECT max(hlc) AS hlc FROM changes');
      if (row?.hlc) laptop.clock.observe(row.hlc);
      return;
    }
  }
}

/** The parts of the app's view the oracle computes, in the oracle's shape. */
function viewShape(view: AsOfJob) {
  if (!view.existed || !view.job) return { existed: false };
  const { siteName, ...job } = view.job;
  return {
    existed: true,
    job: { ...job },
    siteName,
    inspection: view.inspection
      ? {
          id: view.inspection.id,
          templateName: view.inspection.templateName,
          signedOffAt: view.inspection.signedOffAt,
          signedOffBy: view.inspection.signedOffBy,
          items: view.inspection.items.map((i) => ({ id: i.id, label: i.label, result: i.result, comment: i.comment, measurement: i.measurement, unit: i.unit })),
        }
      : null,
    notes: view.notes.map((n) => ({ id: n.id, kind: n.kind, body: n.body, createdAt: n.createdAt, createdBy: n.createdBy })),
  };
}

function expectedShape(jobId: string, replayed: ReturnType<typeof replayJob>) {
  if (!replayed.existed || !replayed.job) return { existed: false };
  const v = replayed.job;
  const orNull = (x: unknown) => (x === undefined ? null : x);
  return {
    existed: true,
    job: {
      id: jobId,
      title: v.title,
      description: v.description,
      siteId: orNull(v.siteId),
      priority: v.priority,
      status: v.status,
      assignee: orNull(v.assignee),
      assigneeId: orNull(v.assigneeId),
      dueDate: orNull(v.dueDate),
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      updatedAt: v.updatedAt,
      updatedBy: v.updatedBy,
      deletedAt: orNull(v.deletedAt),
    },
    siteName: orNull(v.siteId) === null ? null : replayed.siteName,
    inspection: replayed.inspection
      ? {
          id: replayed.inspection.id,
          templateName: replayed.inspection.values.templateName,
          signedOffAt: orNull(replayed.inspection.values.signedOffAt),
          signedOffBy: orNull(replayed.inspection.values.signedOffBy),
          items: replayed.inspection.items.map((i) => ({
            id: i.id,
            label: i.values.label,
            result: orNull(i.values.result),
            comment: i.values.comment,
            measurement: orNull(i.values.measurement),
            unit: i.values.unit,
          })),
        }
      : null,
    notes: replayed.notes.map((n) => ({ id: n.id, kind: n.values.kind, body: n.values.body, createdAt: n.values.createdAt, createdBy: n.values.createdBy })),
  };
}

/** What a restore sets back: every field and the checklist, not the bookkeeping stamps or the append-only timeline. */
function restorable(view: AsOfJob) {
  const shape = viewShape(view);
  if (!('job' in shape) || !shape.job) return shape;
  // Deleted or not is what a restore sets back; a delete it writes carries its own time.
  const { updatedAt: _u, updatedBy: _b, deletedAt, ...job } = shape.job;
  void _u;
  void _b;
  // The site is a record of its own: a job's restore sets its siteId back, not the site's name.
  return { job, deleted: deletedAt !== null, inspection: shape.inspection };
}

async function buildWorld(core: Core, skews: readonly number[]): Promise<World> {
  const world = new World(core, skews);
  for (const name of ['Harbour', 'Depot', 'Mill', 'Quay']) {
    const id = uuidv7();
    world.sites.push(id);
    await world.write((tx) =>
      recordEdit(tx, world.laptops[0]!.edits, siteEntity, { entityId: id, kind: 'create', values: { name, address: '', latitude: null, longitude: null, contact: '', notes: '' } }),
    );
  }
  return world;
}

describe(`as it was at a moment (seed ${SEED})`, () => {
  it('equals an independent replay of the log up to that moment, for random histories and moments; restoring to a moment makes the job equal its view then', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Restorer' });
    let checked = 0;
    let restored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), { minLength: 2, maxLength: 4 }),
        fc.array(step, { minLength: 15, maxLength: 70 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 6 }),
        fc.nat(),
        async (skews, steps, moments, restorePick) => {
          const world = await buildWorld(core, skews);
          await apply(world, world.laptops[0]!, { type: 'createJob', site: 0 });
          for (const s of steps) {
            world.now += s.advanceMs;
            await apply(world, world.laptops[s.laptop % world.laptops.length]!, s.op);
          }
          const log = await readLog(core.replica.db);
          const walls = log.filter((r) => world.jobs.includes(r.entity_id)).map((r) => Number(r.hlc.slice(0, 13)));
          const span = Math.max(...walls) - world.start + 2 * HOUR;
          // Random moments, and exactly at / just before an edit's time (the boundary is inclusive).
          const times = [
            ...moments.map((m) => Math.round(world.start - HOUR + span * m)),
            ...moments.slice(0, 2).flatMap((m) => {
              const wall = walls[Math.floor(m * walls.length) % walls.length]!;
              return [wall, wall - 1];
            }),
          ].filter((t) => t <= Date.now());
          for (const jobId of world.jobs) {
            for (const t of times) {
              const view = await invoke<AsOfJob>(core, 'asOf.job', { id: jobId, at: new Date(t).toISOString() });
              expect(viewShape(view), `job ${jobId} at ${new Date(t).toISOString()}`).toEqual(expectedShape(jobId, replayJob(log, jobId, t)));
              checked += 1;
            }
          }
          for (const siteId of world.sites) {
            const t = times[0]!;
            const site = await invoke<AsOfSite>(core, 'asOf.site', { id: siteId, at: new Date(t).toISOString() });
            const replayed = replay(log, t).get(`site:${siteId}`);
            expect(site.existed).toBe(replayed?.created === true);
            if (replayed?.created) expect({ name: site.site?.name, deletedAt: site.site?.deletedAt }).toEqual({ name: replayed.values.name, deletedAt: replayed.values.deletedAt ?? null });
          }

          // Restore one job to one of the moments, through the handler, as this laptop's worker.
          const jobId = world.jobs[restorePick % world.jobs.length]!;
          // Mostly at an edit's exact time (the job existed then more often than at a random moment).
          const pool = restorePick % 4 === 0 ? times : times.slice(moments.length);
          const at = new Date((pool.length > 0 ? pool : times)[restorePick % Math.max(1, (pool.length > 0 ? pool : times).length)]!).toISOString();
          const then = await invoke<AsOfJob>(core, 'asOf.job', { id: jobId, at });
          const result = await core.dispatch('asOf.restore', { entity: 'job', id: jobId, at });
          const nowView = await invoke<AsOfJob>(core, 'asOf.job', { id: jobId, at: new Date().toISOString() });
          if (!then.existed) {
            expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('did not exist yet') } });
          } else if (then.differences.length === 0) {
            expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Nothing to restore') } });
            expect(restorable(nowView)).toEqual(restorable(then));
          } else {
            expect(result.ok, JSON.stringify(result)).toBe(true);
            expect(restorable(nowView)).toEqual(restorable(then));
            expect(nowView.differences).toEqual([]);
            // The job row and checklist screens read the projection the restore wrote.
            const job = await invoke<{ title: string; status: string; deletedAt: string | null }>(core, 'jobs.get', { id: jobId });
            expect({ title: job.title, status: job.status, deletedAt: job.deletedAt === null }).toEqual({
              title: then.job!.title,
              status: then.job!.status,
              deletedAt: then.job!.deletedAt === null,
            });
            restored += 1;
          }
        },
      ),
      { seed: SEED, numRuns: 14, endOnFailure: true },
    );
    // The property must have compared something real, and restored something.
    expect(checked).toBeGreaterThan(200);
    expect(restored).toBeGreaterThan(1);
  }, 300_000);
});
