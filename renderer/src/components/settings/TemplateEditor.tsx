import { useState, type FormEvent } from 'react';
import type { ChecklistTemplate } from '../../../../shared/domain/templates';
import { call } from '../../api/client';

/** Inline editor for one template: rename it, or rewrite its items one per line. */
export function TemplateEditor({ template, onDone }: { template: ChecklistTemplate; onDone: (changed: boolean) => void }) {
  const [name, setName] = useState(template.name);
  const [items, setItems] = useState(template.items.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const prefix = `template-${template.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = items.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!name.trim()) return setError('Give the checklist a name.');
    if (lines.length === 0) return setError('Add at least one item, one per line.');
    try {
      await call('templates.update', { id: template.id, name: name.trim(), items: lines });
      onDone(true);
    } catch (e) {
      setError(`Not saved: ${(e as Error).message}`);
    }
  };

  return (
    <form className="form template-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit ${template.name}`}>
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Template name</label>
        <input id={`${prefix}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
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
