import { z } from 'zod';
import type { ChecklistTemplate } from '../domain/templates.js';
import { empty, shortText, title } from './fields.js';
import { returns, spec } from './spec.js';

export const MAX_TEMPLATE_ITEMS = 200;

export const templatesContract = {
  'templates.list': spec(empty, returns<ChecklistTemplate[]>(), 'Live checklist templates by name.'),
  'templates.create': spec(
    z.strictObject({
      name: title,
      items: z
        .array(shortText(300).min(1, 'must not be empty'))
        .min(1, 'needs at least one item')
        .max(MAX_TEMPLATE_ITEMS, `has at most ${MAX_TEMPLATE_ITEMS} items`),
    }),
    returns<ChecklistTemplate>(),
    'Create a checklist template: a name and ordered items.',
  ),
} as const;
