import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createTemplate, getLiveTemplate, listTemplates } from './template-queries.js';

export function templateHandlers({ db, edits, onLocalWrite }: FeatureDeps): FeatureHandlers {
  return {
    'templates.list': () => listTemplates(db),
    'templates.create': async (input) => {
      const id = await db.transaction((tx) => createTemplate(tx, edits, input.name, input.items));
      onLocalWrite();
      return getLiveTemplate(db, id);
    },
  };
}
