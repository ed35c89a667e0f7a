/**
 * Seeds a workspace through the app's own write path: sites through the
 * `sites.create` handler (few), jobs through `recordEdit` in large
 * transactions (many), so every job has its change-log row and stamps exactly
 * as if it had been typed in, without paying one dispatch per row.
 */
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit, type EditContext } from '../../electron/core/changes/change-log.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { HybridClock } from '../../shared/hlc.js';
import { uuidv7 } from '../../shared/ids.js';
import { seededRandom } from '../seeded-random.js';
import { jobSample, siteSample, WORKERS } from './data.js';
import { probeHandler } from './workspace.js';

export interface SeededWorkspace {
  jobIds: string[];
  siteIds: string[];
  /** Set when sites could not be created through the app (handler missing). */
  sitesSkipped: string | null;
}

export async function seedSites(core: Core, count: number, rand: () => number): Promise<{ ids: string[]; skipped: string | null }> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await probeHandler(core, 'sites.create', siteSample(i, rand));
    if (!answer.ok) return { ids, skipped: answer.reason };
    ids.push((answer.value as { id: string }).id);
  }
  return { ids, skipped: null };
}

/** What the seeded edits change: never titles, which searches look jobs up by. */
const EDITS = [
  (i: number) => ({ status: (['open', 'in_progress', 'blocked', 'done'] as const)[i % 4] }),
  (i: number) => ({ description: `Follow-up visit ${i}: ${i % 2 === 0 ? 'parts ordered' : 'checked again'}.` }),
  (i: number) => ({ priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4] }),
] as const;

export async function seedWorkspace(
  core: Core,
  options: { jobs: number; sites: number; batch: number; seed?: number; /** Changes per job (create + edits), default 1. */ history?: number },
): Promise<SeededWorkspace> {
  const rand = seededRandom(options.seed ?? 42);
  const sites = await seedSites(core, options.sites, rand);

  // Creation times spread over the past, one millisecond apart, ending now.
  const today = Date.now();
  let synthetic = today - options.jobs * (options.history ?? 1);
  const deviceId = core.settings.current.deviceId;
  const edits: EditContext = {
    clock: new HybridClock(deviceId, () => synthetic),
    deviceId,
    actor: () => WORKERS[Math.floor(rand() * WORKERS.length)]!,
    now: () => new Date(synthetic),
  };

  const jobIds: string[] = [];
  for (let start = 0; start < options.jobs; start += options.batch) {
    const end = Math.min(options.jobs, start + options.batch);
    await core.replica.db.transaction(async (tx) => {
      for (let i = start; i < end; i++) {
        synthetic += 1;
        const id = uuidv7(synthetic);
        const sample = jobSample(i, rand, today);
        const siteId = sites.ids.length > 0 ? sites.ids[i % sites.ids.length]! : null;
        await recordEdit(tx, edits, jobEntity, { entityId: id, kind: 'create', values: { ...sample, siteId } });
        jobIds.push(id);
      }
    });
  }
  // Each further round edits every job once, in time order, as a team's days do.
  for (let round = 1; round < (options.history ?? 1); round++) {
    for (let start = 0; start < jobIds.length; start += options.batch) {
      const end = Math.min(jobIds.length, start + options.batch);
      await core.replica.db.transaction(async (tx) => {
        for (let i = start; i < end; i++) {
          synthetic += 1;
          await recordEdit(tx, edits, jobEntity, { entityId: jobIds[i]!, kind: 'update', values: EDITS[(i + round) % EDITS.length]!(round) });
        }
      });
    }
    await core.replica.checkpoint();
  }
  await core.replica.checkpoint();
  return { jobIds, siteIds: sites.ids, sitesSkipped: sites.skipped };
}
