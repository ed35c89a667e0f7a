import { useState, type FormEvent } from 'react';
import { siteCreateInput } from '../../../../shared/contract/sites';
import type { Site } from '../../../../shared/domain/sites';
import { errorText } from '../../api/client';
import { parseDecimal } from '../../forms/decimal';
import { confirmDiscard } from '../../forms/dirty-forms';
import { DraftNotice, FieldNote, fieldAria } from '../../forms/FieldNote';
import { useDraftForm, type DraftForm } from '../../forms/use-draft-form';
import { saveShortcut } from '../../hooks/use-shortcuts';

export interface SiteFormValues {
  name: string;
  address: string;
  contact: string;
  notes: string;
  latitude: number | null;
  longitude: number | null;
}

const shape = siteCreateInput.shape;
const FIELDS = {
  name: { schema: shape.name },
  address: { schema: shape.address },
  contact: { schema: shape.contact },
  latitude: {},
  longitude: {},
  notes: { schema: shape.notes },
};
type SiteField = keyof typeof FIELDS;

function parseCoordinate(text: string, limit: number, what: string): { value: number | null; error?: string } {
  const parsed = parseDecimal(text, navigator.language);
  if (!parsed.ok) return { value: null, error: `${what}: ${parsed.error}` };
  if (parsed.value !== null && Math.abs(parsed.value) > limit) return { value: null, error: `${what} must be a number between -${limit} and ${limit}.` };
  return { value: parsed.value };
}

export function SiteForm({ site, onSave, onCancel }: { site?: Site; onSave: (v: SiteFormValues) => Promise<void>; onCancel: () => void }) {
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formId = site ? `site-form-${site.id}` : 'site-form-new';
  const form = useDraftForm({
    draftKey: site ? `site:${site.id}` : 'site:new',
    feature: 'sites',
    fields: FIELDS,
    initial: {
      name: site?.name ?? '',
      address: site?.address ?? '',
      contact: site?.contact ?? '',
      notes: site?.notes ?? '',
      latitude: site?.latitude?.toString() ?? '',
      longitude: site?.longitude?.toString() ?? '',
    },
    onDiscarded: onCancel,
    formId,
  });
  const { values } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let ok = form.validate();
    const lat = parseCoordinate(values.latitude, 90, 'Latitude');
    const lon = parseCoordinate(values.longitude, 180, 'Longitude');
    if (!values.name.trim()) form.setError('name', 'Give the site a name.');
    if (!values.address.trim()) form.setError('address', 'Enter the address, so colleagues can find it.');
    if (lat.error) form.setError('latitude', lat.error);
    if (lon.error) form.setError('longitude', lon.error);
    ok = ok && !lat.error && !lon.error;
    if (!ok) return;
    setSaving(true);
    try {
      await onSave({
        name: values.name.trim(),
        address: values.address.trim(),
        contact: values.contact.trim(),
        notes: values.notes,
        latitude: lat.value,
        longitude: lon.value,
      });
      form.saved();
    } catch (error) {
      form.showServerError(error);
      setSaveError(`Not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    if (!confirmDiscard(form.dirty)) return;
    form.discard();
    onCancel();
  };

  return (
    <form id={formId} className="card form" onSubmit={(e) => void submit(e)} onKeyDown={saveShortcut} noValidate aria-label={site ? 'Edit site' : 'New site'}>
      <DraftNotice form={form} onDiscard={cancel} />
      <div className="field-row">
        <TextField form={form} field="name" label="Name" autoFocus />
        <TextField form={form} field="address" label="Address" />
      </div>
      <div className="field-row">
        <TextField form={form} field="contact" label="Contact" />
        <TextField form={form} field="latitude" label="Latitude" inputMode="decimal" />
        <TextField form={form} field="longitude" label="Longitude" inputMode="decimal" />
      </div>
      <div className="field">
        <label htmlFor="site-notes">Site notes</label>
        <textarea
          id="site-notes"
          rows={3}
          value={values.notes}
          placeholder="Access codes, parking, hazards…"
          {...fieldAria(form, 'notes', 'site-notes')}
          onChange={(e) => form.set('notes', e.target.value)}
        />
        <FieldNote form={form} field="notes" id="site-notes" />
      </div>
      {saveError ? (
        <p role="alert" className="form-error">
          {saveError}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
        <span className="hint">Ctrl+S saves</span>
      </div>
    </form>
  );
}

interface TextFieldProps {
  form: DraftForm<SiteField>;
  field: SiteField;
  label: string;
  autoFocus?: boolean;
  inputMode?: 'decimal';
}

function TextField({ form, field, label, autoFocus, inputMode }: TextFieldProps) {
  const id = `site-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={form.values[field]}
        autoFocus={autoFocus}
        inputMode={inputMode}
        {...fieldAria(form, field, id)}
        onChange={(e) => form.set(field, e.target.value)}
      />
      <FieldNote form={form} field={field} id={id} />
    </div>
  );
}
