/**
 * The one IPC contract between the renderer and the main process.
 * Each entry: a `feature.verb` name, the input schema main validates against,
 * the output type, and a one-line doc. Events main pushes are at the bottom.
 */
import { z } from 'zod';
import type { Job, JobPage } from './domain/jobs.js';
import { JOB_PRIORITIES, JOB_STATUSES } from './domain/jobs.js';
import type { SyncStatus } from './domain/sync.js';
import type { ConnectionSettings, WorkspaceInfo } from './domain/workspace.js';
import { UUID_PATTERN } from './ids.js';

/** Phantom marker carrying a handler's output type; it has no runtime content. */
export interface Returns<T> {
  readonly __returns?: T;
}
const returns = <T>(): Returns<T> => ({});

export interface HandlerSpec<I extends z.ZodType, O> {
  input: I;
  output: Returns<O>;
  doc: string;
}

const spec = <I extends z.ZodType, O>(input: I, output: Returns<O>, doc: string): HandlerSpec<I, O> => ({
  input,
  output,
  doc,
});

export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;

const id = z.string().regex(UUID_PATTERN, 'must be a UUID');
const empty = z.strictObject({});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const title = z.string().trim().min(1, 'is required').max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`);
const text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const person = z.string().trim().min(1).max(MAX_TITLE);

export const jobCreateInput = z.strictObject({
  title,
  description: text.optional(),
  priority: z.enum(JOB_PRIORITIES).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  assignee: person.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
});

export const contract = {
  'workspace.info': spec(empty, returns<WorkspaceInfo>(), 'The open workspace, this device and the schema version.'),
  'jobs.list': spec(
    z.strictObject({
      limit: z.number().int().min(1).max(500).optional(),
      cursor: z.string().max(200).nullable().optional(),
    }),
    returns<JobPage>(),
    'A page of live jobs, newest first.',
  ),
  'jobs.get': spec(z.strictObject({ id }), returns<Job>(), 'One job by id (NOT_FOUND if it does not exist).'),
  'jobs.create': spec(jobCreateInput, returns<Job>(), 'Create a job on this device; it syncs later.'),
  'sync.status': spec(empty, returns<SyncStatus>(), 'The current sync state.'),
  'sync.now': spec(empty, returns<SyncStatus>(), 'Push and pull now instead of waiting for the loop.'),
  'settings.getConnection': spec(empty, returns<ConnectionSettings>(), 'The primary URL and whether a token is stored.'),
  'settings.setConnection': spec(
    z.strictObject({
      url: z
        .string()
        .trim()
        .max(2000)
        .regex(/^(https?|libsql):\/\/[^\s]+$/, 'must be an http(s):// or libsql:// URL')
        .nullable(),
      /** Omit to keep the stored token; null to remove it. */
      authToken: z.string().trim().min(1).max(10_000).nullable().optional(),
    }),
    returns<ConnectionSettings>(),
    'Point the workspace at a primary; the token is encrypted in main and never returned.',
  ),
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

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'sync.statusChanged': SyncStatus;
  /** Rows changed underneath the UI (a pull brought remote edits). */
  'data.changed': { entities: string[] };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['sync.statusChanged', 'data.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
