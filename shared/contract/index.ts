/**
 * The one IPC contract between the renderer and the main process: each feature
 * file lists its handlers (`feature.verb` name, input schema, output type, doc).
 * Add a feature by writing `shared/contract/<feature>.ts` and spreading it here.
 */
import type { z } from 'zod';
import { activityContract } from './activity.js';
import { asOfContract } from './as-of.js';
import { attachmentsContract } from './attachments.js';
import { diagnosticsContract } from './diagnostics.js';
import { draftsContract } from './drafts.js';
import { historyContract } from './history.js';
import { inspectionsContract } from './inspections.js';
import { jobsContract } from './jobs.js';
import { notesContract } from './notes.js';
import { peopleContract } from './people.js';
import { preferencesContract } from './preferences.js';
import { profileContract } from './profile.js';
import { reportsContract } from './reports.js';
import { sampleDataContract } from './sample-data.js';
import { settingsContract } from './settings.js';
import { sitesContract } from './sites.js';
import type { Returns } from './spec.js';
import { syncContract } from './sync.js';
import { templatesContract } from './templates.js';
import { trashContract } from './trash.js';
import { workspaceContract } from './workspace.js';

export const contract = {
  ...workspaceContract,
  ...jobsContract,
  ...syncContract,
  ...settingsContract,
  ...sitesContract,
  ...templatesContract,
  ...inspectionsContract,
  ...notesContract,
  ...profileContract,
  ...sampleDataContract,
  ...historyContract,
  ...diagnosticsContract,
  ...draftsContract,
  ...peopleContract,
  ...preferencesContract,
  ...trashContract,
  ...asOfContract,
  ...activityContract,
  ...attachmentsContract,
  ...reportsContract,
} as const;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
export type HandlerInput<K extends HandlerName> = z.input<Contract[K]['input']>;
/** The input as handlers receive it: parsed, defaults applied. */
export type ParsedInput<K extends HandlerName> = z.output<Contract[K]['input']>;
export type HandlerOutput<K extends HandlerName> = Contract[K]['output'] extends Returns<infer O> ? O : never;

export const HANDLER_NAMES = Object.keys(contract) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './events.js';
export type { HandlerSpec, Returns } from './spec.js';
