/**
 * A small day of field work through the real handlers, and a snapshot of the
 * domain rows it touches, for the damage tests. No vitest imports: the child
 * laptop processes use it too.
 */
import type { Core } from '../../electron/core/app-core.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export interface SyncedDay {
  keep: Job;
  remove: Job;
  inspection: Inspection;
}

/** What is on the primary before the laptop goes offline: two jobs, one with a started checklist. */
export async function syncedWork(core: Core): Promise<SyncedDay> {
  const site = await call<{ id: string }>(core, 'sites.create', { name: 'Pump station 4', address: '12 Quay Road' });
  const template = await call<{ id: string }>(core, 'templates.create', { name: 'Safety', items: ['Guard rails', 'Valve tag'] });
  const keep = await call<Job>(core, 'jobs.create', { title: 'Inspect pump', siteId: site.id });
  const remove = await call<Job>(core, 'jobs.create', { title: 'Duplicate ticket' });
  const inspection = await call<Inspection>(core, 'inspections.start', { jobId: keep.id, templateId: template.id });
  return { keep, remove, inspection };
}

/** Offline edits of every kind: creates, updates, a delete, notes and checklist answers. */
export async function offlineWork(core: Core, day: SyncedDay): Promise<void> {
  for (let i = 1; i <= 3; i++) await call(core, 'jobs.create', { title: `Offline job ${i}`, priority: 'high' });
  await call(core, 'jobs.update', { id: day.keep.id, title: 'Inspect pump (renamed offline)' });
  await call(core, 'jobs.setStatus', { id: day.keep.id, status: 'in_progress' });
  await call(core, 'jobs.delete', { id: day.remove.id });
  await call(core, 'notes.add', { jobId: day.keep.id, body: 'Seal weeping at the flange' });
  const [first, second] = day.inspection.items;
  await call(core, 'inspections.setItem', { inspectionId: day.inspection.id, itemId: first!.id, result: 'pass', comment: 'ok' });
  await call(core, 'inspections.setItem', { inspectionId: day.inspection.id, itemId: second!.id, result: 'fail', measurement: 4.5, unit: 'mm' });
}

export interface DomainSnapshot {
  jobs: unknown[];
  notes: unknown[];
  items: unknown[];
  sites: unknown[];
}

/** The domain rows every laptop must agree on (stamps left out: they are per-field projections too, but noisy to read). */
export async function domainSnapshot(core: Core): Promise<DomainSnapshot> {
  const db = core.replica.db;
  return {
    jobs: await db.all('SELECT id, title, status, priority, site_id, deleted_at FROM jobs ORDER BY id'),
    notes: await db.all('SELECT id, job_id, kind, body, deleted_at FROM job_notes ORDER BY id'),
    items: await db.all('SELECT id, inspection_id, result, comment, measurement, unit FROM inspection_items ORDER BY id'),
    sites: await db.all('SELECT id, name, deleted_at FROM sites ORDER BY id'),
  };
}

/** Ids of the `changes` rows this laptop made. */
export async function ownChangeIds(core: Core): Promise<string[]> {
  const rows = await core.replica.db.all<{ id: string }>('SELECT id FROM changes WHERE device_id = ? ORDER BY id', [core.settings.current.deviceId]);
  return rows.map((r) => r.id);
}

/** Sign edits, sync some work, stop the loop (offline from here on), make offline edits; returns their change ids. */
export async function workThenGoOffline(core: Core, untilSynced: () => Promise<void>): Promise<string[]> {
  await call(core, 'profile.set', { name: 'Ana Ruiz' });
  const day = await syncedWork(core);
  await untilSynced();
  await core.sync.stop();
  const synced = new Set(await ownChangeIds(core));
  await offlineWork(core, day);
  return (await ownChangeIds(core)).filter((id) => !synced.has(id));
}
