import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { PreferencesStore } from './preferences-store.js';

export function preferencesHandlers(store: PreferencesStore): FeatureHandlers {
  return {
    'preferences.get': async () => store.read(),
    'preferences.set': async (input) => store.write(input),
  };
}
