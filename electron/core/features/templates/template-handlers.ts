import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createTemplate, deleteTemplate, getLiveTemplate, listTemplates, updateTemplate } from './template-queries.js';

export function templateHandlers({ db, edits, onLocalWrite }: FeatureDeps): FeatureHandlers {
  return {
    'templates.list': () => listTemplates(db),
    'templates.create': async (input) => {
      const id = await db.transaction((tx) => createTemplate(tx, edits, input.name, input.items, input.photoOnFail));
      onLocalWrite();
      return getLiveTemplate(db, id);
    },
    'templates.update': async (input) => {
      await db.transaction((tx) => updateTemplate(tx, edits, input.id, input));
      onLocalWrite();
      return getLiveTemplate(db, input.id);
    },
    'templates.delete': async (input) => {
      await db.transaction((tx) => deleteTemplate(tx, edits, input.id));
      onLocalWrite();
      return { id: input.id };
    },
  };
}
