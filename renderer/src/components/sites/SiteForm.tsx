import { useState, type FormEvent } from 'react';
import type { Site } from '../../../../shared/domain/sites';
import { saveShortcut } from '../../hooks/use-shortcuts';

export interface SiteFormValues {
  name: string;
  address: string;
  contact: string;
  notes: string;
  latitude: number | null;
  longitude: number | null;
}

type Errors = Partial<Record<'name' | 'address' | 'latitude' | 'longitude', string>>;

function parseCoordinate(text: string, limit: number, what: string): { value: number | null; error?: string } {
  const t = text.trim().replace(',', '.');
  if (!t) return { value: null };
  const value = Number(t);
  if (!Number.isFinite(value) || Math.abs(value) > limit) return { value: null, error: `${what} must be a number between -${limit} and ${limit}.` };
  return { value };
}

export function SiteForm({ site, onSave, onCancel }: { site?: Site; onSave: (v: SiteFormValues) => Promise<void>; onCancel: () => void }) {
  const [name, setName] = useState(site?.name ?? '');
  const [address, setAddress] = useState(site?.address ?? '');
  const [contact, setContact] = useState(site?.contact ?? '');
  const [notes, setNotes] = useState(site?.notes ?? '');
  const [latitude, setLatitude] = useState(site?.latitude?.toString() ?? '');
  const [longitude, setLongitude] = useState(site?.longitude?.toString() ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lat = parseCoordinate(latitude, 90, 'Latitude');
    const lon = parseCoordinate(longitude, 180, 'Longitude');
    const next: Errors = {};
    if (!name.trim()) next.name = 'Give the site a name.';
    if (!address.trim()) next.address = 'Enter the address, so colleagues can find it.';
    if (lat.error) next.latitude = lat.error;
    if (lon.error) next.longitude = lon.error;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setSaving(true);
    try {
      await onSave({ name: name.trim(), address: address.trim(), contact: contact.trim(), notes, latitude: lat.value, longitude: lon.value });
    } catch (error) {
      setSaveError(`Not saved: ${(error as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const field = (id: keyof Errors | 'contact', label: string, value: string, set: (v: string) => void, max: number) => (
    <div className="field">
      <label htmlFor={`site-${id}`}>{label}</label>
      <input
        id={`site-${id}`}
        value={value}
        maxLength={max}
        autoFocus={id === 'name'}
        aria-invalid={id !== 'contact' && errors[id] ? true : undefined}
        aria-describedby={id !== 'contact' && errors[id] ? `site-${id}-error` : undefined}
        onChange={(e) => {
          set(e.target.value);
          if (id !== 'contact' && errors[id]) setErrors({ ...errors, [id]: undefined });
        }}
      />
      {id !== 'contact' && errors[id] ? (
        <p id={`site-${id}-error`} className="field-error">
          {errors[id]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} onKeyDown={saveShortcut} noValidate aria-label={site ? 'Edit site' : 'New site'}>
      <div className="field-row">
        {field('name', 'Name', name, setName, 200)}
        {field('address', 'Address', address, setAddress, 500)}
      </div>
      <div className="field-row">
        {field('contact', 'Contact', contact, setContact, 200)}
        {field('latitude', 'Latitude', latitude, setLatitude, 20)}
        {field('longitude', 'Longitude', longitude, setLongitude, 20)}
      </div>
      <div className="field">
        <label htmlFor="site-notes">Site notes</label>
        <textarea id="site-notes" rows={3} maxLength={20000} value={notes} placeholder="Access codes, parking, hazards…" onChange={(e) => setNotes(e.target.value)} />
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
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <span className="hint">Ctrl+S saves</span>
      </div>
    </form>
  );
}
