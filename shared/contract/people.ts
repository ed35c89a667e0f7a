import { z } from 'zod';
import type { Person } from '../domain/people.js';
import { returns, spec } from './spec.js';

/** A person's stable id: a device id (UUIDv7 in the app; tests and tools may use other short ids). */
export const personId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'is not a valid person id');

export const peopleContract = {
  'people.list': spec(
    z.strictObject({
      /** Case-insensitive part of a name. */
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    returns<Person[]>(),
    'People jobs can be assigned to: workers seen in the change log (latest name) and typed assignees, by name; this worker first.',
  ),
} as const;
