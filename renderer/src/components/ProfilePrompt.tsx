/** First run: ask the worker's name once; it signs every edit made on this laptop. */
import { useState, type FormEvent } from 'react';
import { MAX_TITLE } from '../../../shared/contract/fields';
import { errorText } from '../api/client';
import { useProfile } from '../store/profile-store';

export function ProfilePrompt() {
  const save = useProfile((s) => s.save);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const tooLong = name.trim().length > MAX_TITLE;
    if (tooLong) {
      const text = `Your name is too long: at most ${MAX_TITLE} characters.`;
      setError(text);
      return;
    }
    if (!name.trim()) {
      setError('Enter your name to continue.');
      return;
    }
    try {
      await save(name.trim());
    } catch (e) {
      setError(`Not saved: ${errorText(e)}`);
    }
  };

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="welcome-heading" className="modal">
        <h2 id="welcome-heading">Welcome to Fieldbook</h2>
        <p>Fieldbook keeps your jobs, checklists and notes on this laptop, so it works without a network and syncs with your team when it can.</p>
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <div className="field">
            <label htmlFor="first-run-name">Your name</label>
            <input
              id="first-run-name"
              autoFocus
              value={name}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'first-run-error' : 'first-run-hint'}
              onChange={(e) => setName(e.target.value)}
            />
            <p id="first-run-hint" className="hint">
              Shown to colleagues on what you change. You can change it later in Settings.
            </p>
            {error ? (
              <p id="first-run-error" className="field-error">
                {error}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              Continue
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
