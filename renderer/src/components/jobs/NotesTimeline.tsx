import { useState, type FormEvent, type ReactNode } from 'react';
import { noteBody } from '../../../../shared/contract/notes';
import type { Note } from '../../../../shared/domain/notes';
import { errorText } from '../../api/client';
import { confirmDiscard } from '../../forms/dirty-forms';
import { DraftNotice, FieldNote, fieldAria } from '../../forms/FieldNote';
import { useDraftForm } from '../../forms/use-draft-form';
import { formatDateTime } from '../../format';
import { saveShortcut } from '../../hooks/use-shortcuts';

const NOTE_FIELDS = { body: { schema: noteBody } };
const NO_NOTE = { body: '' };

const KIND_LABELS: Record<Note['kind'], string> = {
  note: 'Note',
  status: 'Status',
  assignment: 'Assignment',
  inspection: 'Checklist',
};

interface NotesTimelineProps {
  jobId: string;
  notes: Note[];
  onAdd: (body: string) => Promise<void>;
  readOnly: boolean;
  /** The photos of a worker's note (main attaches them; automatic entries have none). */
  notePhotos?: (noteId: string) => ReactNode;
}

export function NotesTimeline({ jobId, notes, onAdd, readOnly, notePhotos }: NotesTimelineProps) {
  // The half-written note is a draft of this job's note form: it survives leaving the job and a restart.
  const form = useDraftForm({ draftKey: readOnly ? null : `note:${jobId}`, fields: NOTE_FIELDS, initial: NO_NOTE, feature: 'notes', formId: `note-form-${jobId}` });
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.values.body.trim()) {
      form.setError('body', 'Write something first.');
      return;
    }
    if (!form.validate()) return;
    setSaving(true);
    try {
      await onAdd(form.values.body.trim());
      form.saved({ body: '' });
    } catch (e) {
      form.setError('body', `Not saved: ${errorText(e)}`);
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
            {note.kind === 'note' ? notePhotos?.(note.id) : null}
          </li>
        ))}
      </ol>
      {readOnly ? null : (
        <form id={`note-form-${jobId}`} className="note-form" onSubmit={(e) => void submit(e)} onKeyDown={saveShortcut} noValidate aria-label="Add a note">
          <DraftNotice form={form} onDiscard={() => confirmDiscard(form.dirty) && form.discard()} />
          <label htmlFor="note-body">Note</label>
          <textarea
            id="note-body"
            rows={3}
            value={form.values.body}
            placeholder="What you found, what you did, what is left…"
            {...fieldAria(form, 'body', 'note-body')}
            onChange={(e) => form.set('body', e.target.value)}
          />
          <FieldNote form={form} field="body" id="note-body" />
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
