/**
 * Unsaved form text kept on this laptop only (never in the replica, which syncs
 * every table to the team), so nothing typed is lost across navigation or a
 * restart. One draft per record and form, named by its key.
 */
import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';
import { MAX_TEXT } from './fields.js';
import { returns, spec } from './spec.js';

const uuid = UUID_PATTERN.source.replace(/^\^|\$$/g, '');
/** `note:<jobId>`, `job:<id|new>`, `site:<id|new>`, `checklist:<inspectionId>:<itemId>`, `template:<id|new>`. */
export const DRAFT_KEY_PATTERN = new RegExp(`^(note:${uuid}|job:(${uuid}|new)|site:(${uuid}|new)|template:(${uuid}|new)|checklist:${uuid}:${uuid})$`);

/** Over the contract's limits on purpose: text too long to save is still kept while the worker shortens it. */
export const MAX_DRAFT_FIELD = 2 * MAX_TEXT;
export const MAX_DRAFT_FIELDS = 16;

export const draftKey = z.string().max(120).regex(DRAFT_KEY_PATTERN, 'must name a form, such as note:<job id> or job:new');
const draftValue = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/, 'must be a form field name'), z.string().max(MAX_DRAFT_FIELD))
  .refine((value) => Object.keys(value).length <= MAX_DRAFT_FIELDS, `has more than ${MAX_DRAFT_FIELDS} fields`);

export type DraftValue = Record<string, string>;
export interface Draft {
  value: DraftValue;
  /** ISO time of the last save, shown as "unsaved changes from …". */
  savedAt: string;
}

export const draftsContract = {
  'drafts.get': spec(z.strictObject({ key: draftKey }), returns<Draft | null>(), "A form's unsaved text on this laptop, or null."),
  'drafts.save': spec(
    z.strictObject({ key: draftKey, value: draftValue }),
    returns<Draft>(),
    "Keep a form's unsaved text on this laptop only (never synced), durably, until saved or discarded.",
  ),
  'drafts.discard': spec(z.strictObject({ key: draftKey }), returns<{ discarded: boolean }>(), "Forget a form's unsaved text."),
} as const;
