/** Picks the moment a job or site is shown at (the as-of view's banner has "Back to now"). */
import { useState, type FormEvent } from 'react';
import { fromLocalInput, toLocalInput } from './moment';

interface MomentPickerProps {
  /** What is shown, for the field's name: "job" or "site". */
  what: string;
  /** The moment shown, or null for now. */
  at: string | null;
  onPick: (at: string) => void;
}

export function MomentPicker({ what, at, onPick }: MomentPickerProps) {
  const [value, setValue] = useState(() => toLocalInput(at ?? new Date().toISOString()));
  const [error, setError] = useState<string | null>(null);
  const inputId = `moment-${what}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromLocalInput(value);
    if (!iso) {
      setError('Enter a full date and time.');
      return;
    }
    if (Date.parse(iso) > Date.now()) {
      setError('That moment is in the future: pick a time up to now.');
      return;
    }
    setError(null);
    onPick(iso);
  };

  return (
    <form className="inline-form moment-picker" onSubmit={submit} aria-label={`Show the ${what} at a moment`}>
      <label htmlFor={inputId}>Show as it was at</label>
      <input
        id={inputId}
        type="datetime-local"
        step={1}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="secondary">
        Show
      </button>
      {error ? (
        <span id={`${inputId}-error`} role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </form>
  );
}
