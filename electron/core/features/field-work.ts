/**
 * The field-work features (sites, checklists, notes, profile, sample data) as
 * one slice of the handler table, so the composition root wires them in one line.
 * Jobs are wired on their own: the foundation already had them.
 */
import type { EventHub } from '../events.js';
import type { FeatureHandlers } from '../rpc/handlers.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { FeatureDeps } from './feature-deps.js';
import { inspectionHandlers } from './inspections/inspection-handlers.js';
import { noteHandlers } from './notes/note-handlers.js';
import { profileHandlers } from './profile/profile-handlers.js';
import { sampleDataHandlers, type SampleDataGuard } from './sample-data/sample-data-handlers.js';
import { siteHandlers } from './sites/site-handlers.js';
import { templateHandlers } from './templates/template-handlers.js';

export function fieldWorkHandlers(deps: FeatureDeps, settings: SettingsStore, events: EventHub, sampleDataGuard?: SampleDataGuard): FeatureHandlers {
  return {
    ...siteHandlers(deps),
    ...templateHandlers(deps),
    ...inspectionHandlers(deps),
    ...noteHandlers(deps),
    ...profileHandlers(settings),
    ...sampleDataHandlers(deps, events, sampleDataGuard),
  };
}
