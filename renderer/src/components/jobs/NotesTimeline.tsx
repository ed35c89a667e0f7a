import { useState, type FormEvent } from 'react';
import type { Note } from '../../../../shared/domain/notes';
import { formatDateTime } from '../../format';
import { saveShortcut } from '../../hooks/use-shortcuts';

const KIND_LABELS: Record<Note['kind'], string> = {
  note: 'Note',
  status: 'Status',
  assignment: 'Assignment',
  inspection: 'Checklist',
};

export function NotesTimeline({ notes, onAdd, readOnly }: { notes: Note[]; onAdd: (body: string) => Promise<void>; readOnly: boolean }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError('Write something first.');
      return;
    }
    setSaving(true);
    try {
      await onAdd(body.trim());
      setBody('');
      setError(null);
    } catch (e) {
      setError(`Not saved: ${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="notes-heading">
      <h3 id="notes-heading">Timeline</h3>
      {notes.length === 0 ? <p className="empty">Nothing here yet. Notes and status changes appear here, oldest first.</p> : null}
      <ol className="timeline">
        {notes.map((note) => (
          <li key={note.id} className={`timeline-entry kind-${note.kind}`}>
            <div className="timeline-head">
              <span className="timeline-kind">{KIND_LABELS[note.kind]}</span>
              <span className="timeline-who">{note.createdBy}</span>
              <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
            </div>
            <p className="timeline-body">{note.body}</p>
          </li>
        ))}
      </ol>
      {readOnly ? null : (
        <form className="note-form" onSubmit={(e) => void submit(e)} onKeyDown={saveShortcut} noValidate>
          <label htmlFor="note-body">Note</label>
          <textarea
            id="note-body"
            rows={3}
            maxLength={10000}
            value={body}
            placeholder="What you found, what you did, what is left…"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'note-error' : undefined}
            onChange={(e) => {
              setBody(e.target.value);
              if (error) setError(null);
            }}
          />
          {error ? (
            <p id="note-error" className="field-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              Add note
            </button>
            <span className="hint">Notes cannot be edited later; Ctrl+S adds</span>
          </div>
        </form>
      )}
    </section>
  );
}
