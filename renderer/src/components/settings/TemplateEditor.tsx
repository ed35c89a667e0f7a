import { useState, type FormEvent } from 'react';
import type { ChecklistTemplate } from '../../../../shared/domain/templates';
import { call, errorText } from '../../api/client';
import { confirmDiscard } from '../../forms/dirty-forms';
import { DraftNotice, FieldNote, fieldAria } from '../../forms/FieldNote';
import { useDraftForm } from '../../forms/use-draft-form';
import { readTemplateForm, TEMPLATE_FIELDS } from './template-form';
import { FormError } from '../FormError';

/** Inline editor for one template: rename it, or rewrite its items one per line. */
export function TemplateEditor({ template, onDone }: { template: ChecklistTemplate; onDone: (changed: boolean) => void }) {
  const [error, setError] = useState<string | null>(null);
  const prefix = `template-${template.id}`;
  const form = useDraftForm({
    draftKey: `template:${template.id}`,
    feature: 'templates',
    fields: TEMPLATE_FIELDS,
    initial: { name: template.name, items: template.items.join('\n') },
    formId: `${prefix}-form`,
    onDiscarded: () => onDone(false),
  });
  const { name, items } = form.values;
  const [photoOnFail, setPhotoOnFail] = useState<ReadonlySet<string>>(() => new Set(template.photoOnFail));
  const labels = [...new Set(items.split('\n').map((l) => l.trim()).filter(Boolean))];
  const togglePhoto = (label: string, on: boolean) =>
    setPhotoOnFail((current) => {
      const next = new Set(current);
      if (on) next.add(label);
      else next.delete(label);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readTemplateForm(name, items);
    if (!read.ok) return setError(read.error);
    try {
      await call('templates.update', { id: template.id, name: read.name, items: read.items, photoOnFail: read.items.filter((l) => photoOnFail.has(l)) });
      form.saved();
      onDone(true);
    } catch (e) {
      setError(`Not saved: ${errorText(e)}`);
    }
  };

  const cancel = () => {
    if (!confirmDiscard(form.dirty)) return;
    form.discard();
    onDone(false);
  };

  return (
    <form id={`${prefix}-form`} className="form template-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit ${template.name}`}>
      <DraftNotice form={form} onDiscard={cancel} />
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Template name</label>
        <input id={`${prefix}-name`} value={name} {...fieldAria(form, 'name', `${prefix}-name`)} onChange={(e) => form.set('name', e.target.value)} />
        <FieldNote form={form} field="name" id={`${prefix}-name`} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-items`}>Items, one per line</label>
        <textarea id={`${prefix}-items`} rows={Math.min(12, template.items.length + 1)} value={items} onChange={(e) => form.set('items', e.target.value)} />
      </div>
      {labels.length > 0 ? (
        <fieldset className="field photo-on-fail">
          <legend>Photo required when failed</legend>
          {labels.map((label) => (
            <label key={label} className="choice">
              <input type="checkbox" checked={photoOnFail.has(label)} onChange={(e) => togglePhoto(label, e.target.checked)} aria-label={`Photo required when “${label}” fails`} />
              {label}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="hint">Checklists already started keep the items (and the photo rules) they started with.</p>
      <FormError>{error}</FormError>
      <div className="actions">
        <button type="submit">Save template</button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
