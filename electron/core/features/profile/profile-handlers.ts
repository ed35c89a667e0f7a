import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SettingsStore } from '../../settings/settings-store.js';

/** The worker name lives in this device's settings, not the synced database. */
export function profileHandlers(settings: SettingsStore): FeatureHandlers {
  return {
    'profile.get': async () => ({ name: settings.current.profileName }),
    'profile.set': async (input) => {
      settings.update((d) => {
        d.profileName = input.name;
      });
      return { name: settings.current.profileName };
    },
  };
}
