import type { EventHub } from '../../events.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { loadSampleData } from './sample-data.js';

export function sampleDataHandlers({ db, edits, onLocalWrite }: FeatureDeps, events: EventHub): FeatureHandlers {
  return {
    'workspace.loadSampleData': async () => {
      const result = await loadSampleData(db, edits);
      onLocalWrite();
      events.emit('data.changed', { entities: ['site', 'job', 'template'] });
      return result;
    },
  };
}
