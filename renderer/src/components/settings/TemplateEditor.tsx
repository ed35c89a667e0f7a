import { useState, type FormEvent } from 'react';
import type { ChecklistTemplate } from '../../../../shared/domain/templates';
import { call, errorText } from '../../api/client';
import { readTemplateForm } from './template-form';

/** Inline editor for one template: rename it, or rewrite its items one per line. */
export function TemplateEditor({ template, onDone }: { template: ChecklistTemplate; onDone: (changed: boolean) => void }) {
  const [name, setName] = useState(template.name);
  const [items, setItems] = useState(template.items.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const prefix = `template-${template.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = readTemplateForm(name, items);
    if (!form.ok) return setError(form.error);
    try {
      await call('templates.update', { id: template.id, name: form.name, items: form.items });
      onDone(true);
    } catch (e) {
      setError(`Not saved: ${errorText(e)}`);
    }
  };

  return (
    <form className="form template-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit ${template.name}`}>
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Template name</label>
        <input id={`${prefix}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-items`}>Items, one per line</label>
        <textarea id={`${prefix}-items`} rows={Math.min(12, template.items.length + 1)} value={items} onChange={(e) => setItems(e.target.value)} />
      </div>
      <p className="hint">Checklists already started keep the items they started with.</p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit">Save template</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
