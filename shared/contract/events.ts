import type { SyncStatus } from '../domain/sync.js';
import type { WorkspaceChanged } from '../domain/workspace.js';

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'sync.statusChanged': SyncStatus;
  /** Rows changed underneath the UI (a pull brought remote edits). */
  'data.changed': { entities: string[] };
  /** Another workspace is open now: every screen and store starts over. */
  'workspace.changed': WorkspaceChanged;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['sync.statusChanged', 'data.changed', 'workspace.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
