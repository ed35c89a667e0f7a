import { z } from 'zod';
import type { HistoryEntry } from '../domain/history.js';
import { id } from './fields.js';
import { returns, spec } from './spec.js';

const entity = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be an entity name such as "job"');
const field = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, 'must be a field name such as "title"');

export const historyContract = {
  'history.list': spec(
    z.strictObject({ entity, entityId: id }),
    returns<HistoryEntry[]>(),
    "A record's edits, newest first, each field marked current or overwritten.",
  ),
  'history.restore': spec(
    // entity + entityId find an edit compaction archived (only the record's folds name its archive objects).
    z.strictObject({ changeId: id, field, entity: entity.optional(), entityId: id.optional() }),
    returns<HistoryEntry[]>(),
    'Set a field back to the value an earlier edit gave it (a new edit); returns the updated history.',
  ),
} as const;
