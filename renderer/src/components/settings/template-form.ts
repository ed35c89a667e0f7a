/** The template form's two fields, checked the same way for a new template and an edit. */
export type TemplateFormResult = { ok: true; name: string; items: string[] } | { ok: false; error: string };

export function readTemplateForm(name: string, itemsText: string): TemplateFormResult {
  const items = itemsText.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!name.trim()) return { ok: false, error: 'Give the checklist a name.' };
  if (items.length === 0) return { ok: false, error: 'Add at least one item, one per line.' };
  return { ok: true, name: name.trim(), items };
}
