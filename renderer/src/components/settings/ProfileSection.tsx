import { useState, type FormEvent } from 'react';
import { MAX_TITLE } from '../../../../shared/contract/fields';
import { errorText } from '../../api/client';
import { useProfile } from '../../store/profile-store';

export function ProfileSection() {
  const current = useProfile((s) => s.name);
  const save = useProfile((s) => s.save);
  const [name, setName] = useState(current ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const tooLong = name.trim().length > MAX_TITLE;
    if (tooLong) {
      const text = `Your name is too long: at most ${MAX_TITLE} characters.`;
      setMessage({ kind: 'error', text });
      return;
    }
    if (!name.trim()) {
      setMessage({ kind: 'error', text: 'Enter your name; it is shown on every change you make.' });
      return;
    }
    try {
      await save(name.trim());
      setMessage({ kind: 'ok', text: 'Saved. New changes are signed with this name.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `Not saved: ${errorText(error)}` });
    }
  };

  return (
    <section className="card" aria-labelledby="profile-heading">
      <h3 id="profile-heading">Your profile</h3>
      <p className="hint">Stored on this laptop only. Colleagues see this name on the jobs, notes and checklists you change.</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="profile-name">Your name</label>
        <input id="profile-name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary">
          Save name
        </button>
      </form>
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'form-error' : 'form-ok'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
