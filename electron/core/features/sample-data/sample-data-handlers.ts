import type { EventHub } from '../../events.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { AppError } from '../../../../shared/errors.js';
import { loadSampleData } from './sample-data.js';

/** Plain words why sample data cannot be loaded now, or null (sample-data-guard.ts). */
export type SampleDataGuard = () => Promise<string | null>;

export function sampleDataHandlers({ db, edits, onLocalWrite }: FeatureDeps, events: EventHub, guard?: SampleDataGuard): FeatureHandlers {
  return {
    'workspace.loadSampleData': async () => {
      const refusal = (await guard?.()) ?? null;
      if (refusal) throw new AppError('CONFLICT', refusal);
      const result = await loadSampleData(db, edits);
      onLocalWrite();
      events.emit('data.changed', { entities: ['site', 'job', 'template'] });
      return result;
    },
  };
}
