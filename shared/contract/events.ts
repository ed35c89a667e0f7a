import type { SyncStatus } from '../domain/sync.js';

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
