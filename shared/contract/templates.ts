import { z } from 'zod';
import type { ChecklistTemplate } from '../domain/templates.js';
import { empty, id, shortText, title } from './fields.js';
import { returns, spec } from './spec.js';

export const MAX_TEMPLATE_ITEMS = 200;

export const MAX_TEMPLATE_ITEM = 300;

export const templateItems = z
  .array(shortText(MAX_TEMPLATE_ITEM).min(1, 'is empty'))
  .min(1, 'needs at least one item')
  .max(MAX_TEMPLATE_ITEMS);

/** Labels of items that need a photo when answered Fail; each must be one of the template's items (checked in main). */
export const photoOnFailItems = z.array(shortText(MAX_TEMPLATE_ITEM).min(1, 'is empty')).max(MAX_TEMPLATE_ITEMS);

export const templatesContract = {
  'templates.list': spec(empty, returns<ChecklistTemplate[]>(), 'Live checklist templates by name.'),
  'templates.create': spec(
    z.strictObject({
      name: title,
      items: templateItems,
      photoOnFail: photoOnFailItems.optional(),
    }),
    returns<ChecklistTemplate>(),
    'Create a checklist template: a name, ordered items, and which of them need a photo when they fail.',
  ),
  'templates.update': spec(
    z.strictObject({ id, name: title.optional(), items: templateItems.optional(), photoOnFail: photoOnFailItems.optional() }),
    returns<ChecklistTemplate>(),
    'Rename a template, replace its items or which need a photo when failed (kept for items that stay when omitted); inspections already started keep their own copy.',
  ),
  'templates.delete': spec(
    z.strictObject({ id }),
    returns<{ id: string }>(),
    'Retire a template (kept as a tombstone); inspections already started are unaffected.',
  ),
} as const;
