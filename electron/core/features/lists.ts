/**
 * The list and picker features (people, trash, per-laptop preferences) as one
 * slice of the handler table, so the composition root wires them in one line.
 */
import path from 'node:path';
import type { EventHub } from '../events.js';
import type { FeatureHandlers } from '../rpc/handlers.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { FeatureDeps } from './feature-deps.js';
import { peopleHandlers } from './people/people-handlers.js';
import { preferencesHandlers } from './preferences/preferences-handlers.js';
import { PREFERENCES_FILE, PreferencesStore } from './preferences/preferences-store.js';
import { trashHandlers } from './trash/trash-handlers.js';

export function listsHandlers(deps: FeatureDeps, settings: SettingsStore, events: EventHub, workspaceDir: string): FeatureHandlers {
  const me = () => {
    const name = settings.current.profileName;
    return name === null ? null : { id: settings.current.deviceId, name };
  };
  return {
    ...peopleHandlers({ db: deps.db, events, me }),
    ...trashHandlers(deps, events),
    ...preferencesHandlers(new PreferencesStore(path.join(workspaceDir, PREFERENCES_FILE))),
  };
}
