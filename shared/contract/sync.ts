import type { SyncStatus } from '../domain/sync.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

export const syncContract = {
  'sync.status': spec(empty, returns<SyncStatus>(), 'The current sync state.'),
  'sync.now': spec(empty, returns<SyncStatus>(), 'Push and pull now instead of waiting for the loop.'),
} as const;
