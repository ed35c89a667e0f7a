import { useEffect, useState, type FormEvent } from 'react';
import type { ChecklistTemplate } from '../../../../shared/domain/templates';
import { call, errorText } from '../../api/client';
import { useNav } from '../../store/nav-store';
import { DraftNotice, FieldNote, fieldAria } from '../../forms/FieldNote';
import { confirmDiscard } from '../../forms/dirty-forms';
import { useDraftForm } from '../../forms/use-draft-form';
import { TemplateEditor } from './TemplateEditor';
import { readTemplateForm, TEMPLATE_FIELDS } from './template-form';
import { FormError } from '../FormError';

const NO_TEMPLATE = { name: '', items: '' };

export function TemplatesSection() {
  const dataVersion = useNav((s) => s.dataVersion);
  const dataChanged = useNav((s) => s.dataChanged);
  const [templates, setTemplates] = useState<ChecklistTemplate[]>([]);
  const form = useDraftForm({ draftKey: 'template:new', feature: 'templates', fields: TEMPLATE_FIELDS, initial: NO_TEMPLATE, formId: 'new-template-form' });
  const { name, items } = form.values;
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    void call('templates.list', {}).then(setTemplates);
  }, [dataVersion]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readTemplateForm(name, items);
    if (!read.ok) return setError(read.error);
    try {
      await call('templates.create', { name: read.name, items: read.items });
      form.saved(NO_TEMPLATE);
      setError(null);
      dataChanged();
    } catch (e) {
      setError(`Not saved: ${errorText(e)}`);
    }
  };

  const retire = async (template: ChecklistTemplate) => {
    if (!window.confirm(`Delete the template “${template.name}”? Checklists already started from it are kept.`)) return;
    try {
      await call('templates.delete', { id: template.id });
      setError(null);
      dataChanged();
    } catch (e) {
      setError(`Not deleted: ${errorText(e)}`);
    }
  };

  return (
    <section className="card" aria-labelledby="templates-heading">
      <h3 id="templates-heading">Checklist templates</h3>
      {templates.length === 0 ? (
        <p className="empty">No templates yet. A template is the list of checks an inspection goes through.</p>
      ) : (
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.id}>
              {editing === t.id ? (
                <TemplateEditor
                  template={t}
                  onDone={(changed) => {
                    setEditing(null);
                    if (changed) dataChanged();
                  }}
                />
              ) : (
                <>
                  <strong>{t.name}</strong> <span className="hint">{t.items.length} items</span>{' '}
                  <button type="button" className="link" onClick={() => setEditing(t.id)} aria-label={`Edit ${t.name}`}>
                    Edit
                  </button>{' '}
                  <button type="button" className="link" onClick={() => void retire(t)} aria-label={`Delete ${t.name}`}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form id="new-template-form" className="form template-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-template-heading">
        <h4 id="new-template-heading">New template</h4>
        <DraftNotice form={form} onDiscard={() => confirmDiscard(form.dirty) && form.discard()} />
        <div className="field">
          <label htmlFor="template-name">Template name</label>
          <input id="template-name" value={name} {...fieldAria(form, 'name', 'template-name')} onChange={(e) => form.set('name', e.target.value)} />
          <FieldNote form={form} field="name" id="template-name" />
        </div>
        <div className="field">
          <label htmlFor="template-items">Items, one per line</label>
          <textarea id="template-items" rows={4} value={items} onChange={(e) => form.set('items', e.target.value)} />
        </div>
        <FormError>{error}</FormError>
        <div className="actions">
          <button type="submit" className="secondary">
            Add template
          </button>
        </div>
      </form>
    </section>
  );
}
