/** Schema pieces shared by several features' contract entries. */
import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';

export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;

export const id = z.string().regex(UUID_PATTERN, 'must be a UUID');
export const empty = z.strictObject({});
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
export const title = z.string().trim().min(1, 'is required').max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`);
export const text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
export const person = z.string().trim().min(1).max(MAX_TITLE);
/** Keyset cursors carry the last row's sort key, e.g. a 200-character title in any script. */
export const cursor = z.string().max(2000);
/** Short free text (an address, a contact, a unit). */
export const shortText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
