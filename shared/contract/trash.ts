import { z } from 'zod';
import { TRASH_ENTITIES, type TrashItem } from '../domain/trash.js';
import { id } from './fields.js';
import { returns, spec } from './spec.js';

export const trashContract = {
  'trash.list': spec(
    z.strictObject({
      /** Part of a job title or site name. */
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    returns<{ items: TrashItem[]; more: boolean }>(),
    'Deleted jobs and sites, most recently deleted first.',
  ),
  'trash.restore': spec(
    z.strictObject({ entity: z.enum(TRASH_ENTITIES), id }),
    returns<{ entity: (typeof TRASH_ENTITIES)[number]; id: string }>(),
    'Bring a deleted job or site back (an edit through the change log, so it syncs). CONFLICT if it is not deleted.',
  ),
} as const;
