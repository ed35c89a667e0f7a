/** The template form's two fields, checked the same way for a new template and an edit, with the contract's schemas. */
import { plainIssues } from '../../../../shared/contract/plain-words.js';
import { templatesContract } from '../../../../shared/contract/templates.js';

export type TemplateFormResult = { ok: true; name: string; items: string[] } | { ok: false; error: string };

const schema = templatesContract['templates.create'].input;

/** For use-draft-form: the name is checked as typed; items are lines, checked on save by readTemplateForm. */
export const TEMPLATE_FIELDS = { name: { schema: schema.shape.name }, items: {} };

export function readTemplateForm(name: string, itemsText: string): TemplateFormResult {
  const items = itemsText.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!name.trim()) return { ok: false, error: 'Give the checklist a name.' };
  if (items.length === 0) return { ok: false, error: 'Add at least one item, one per line.' };
  const input = { name: name.trim(), items };
  const parsed = schema.safeParse(input);
  // Same words as main: "Item 2 of the checklist is too long: at most 300 characters."
  if (!parsed.success) return { ok: false, error: plainIssues(parsed.error.issues, input, 'templates') };
  return { ok: true, name: input.name, items };
}
