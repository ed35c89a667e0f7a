/**
 * Schema pieces shared by several features' contract entries, and the limits the
 * renderer's forms read from them (so a limit is written once). Phrases given
 * here read after a field's label ("The due date must be …"): see plain-words.ts.
 */
import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';

export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;
export const MAX_NOTE = 10_000;
export const MAX_COMMENT = 2000;
export const MAX_UNIT = 20;

/** Due dates outside this range are typing mistakes (1900, 20266), not plans. */
export const MIN_DUE_DATE = '2000-01-01';
export const MAX_DUE_DATE = '2100-12-31';

export const id = z.string().regex(UUID_PATTERN, 'is not valid');
export const empty = z.strictObject({});

/** A real calendar day: 2027-02-30 is refused, not rolled over to March. */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-12-31', abort: true })
  .refine(isRealDate, { message: 'is not a real date: check the day and the month', abort: true })
  .refine((d) => d >= MIN_DUE_DATE && d <= MAX_DUE_DATE, 'must be between 1 Jan 2000 and 31 Dec 2100');
export const title = z.string().trim().min(1, 'is required').max(MAX_TITLE);
export const text = z.string().max(MAX_TEXT);
export const person = z.string().trim().min(1, 'is required').max(MAX_TITLE);
/** Keyset cursors carry the last row's sort key, e.g. a 200-character title in any script. */
export const cursor = z.string().max(2000);
/** Short free text (an address, a contact, a unit). */
export const shortText = (max: number) => z.string().trim().max(max);

/** The largest length a string schema allows (through optional/nullable), or null when unbounded. */
export function maxLengthOf(schema: z.ZodType): number | null {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current instanceof z.ZodString && current.maxLength !== null ? current.maxLength : null;
}
