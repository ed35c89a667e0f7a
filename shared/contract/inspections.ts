import { z } from 'zod';
import type { Inspection } from '../domain/inspections.js';
import { ITEM_RESULTS } from '../domain/inspections.js';
import { id, MAX_COMMENT, MAX_UNIT, shortText } from './fields.js';
import { returns, spec } from './spec.js';

export const inspectionsContract = {
  'inspections.forJob': spec(
    z.strictObject({ jobId: id }),
    returns<Inspection | null>(),
    "The job's inspection, or null if none was started.",
  ),
  'inspections.start': spec(
    z.strictObject({ jobId: id, templateId: id }),
    returns<Inspection>(),
    'Start the job inspection from a template (CONFLICT if it already has one).',
  ),
  'inspections.setItem': spec(
    z.strictObject({
      inspectionId: id,
      itemId: id,
      result: z.enum(ITEM_RESULTS).nullable().optional(),
      comment: shortText(MAX_COMMENT).optional(),
      measurement: z.number().finite().nullable().optional(),
      unit: shortText(MAX_UNIT).optional(),
    }),
    returns<Inspection>(),
    'Answer one checklist item (CONFLICT once signed off).',
  ),
  'inspections.signOff': spec(
    z.strictObject({ id }),
    returns<Inspection>(),
    'Sign the inspection off as this worker; every item must be answered.',
  ),
  'inspections.reopen': spec(z.strictObject({ id }), returns<Inspection>(), 'Reopen a signed-off inspection for changes.'),
} as const;
