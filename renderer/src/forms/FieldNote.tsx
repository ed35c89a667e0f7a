/** Under a field: its error in plain words and, near the limit, how much room is left. */
import type { DraftForm } from './use-draft-form';

export function fieldNoteId(id: string): string {
  return `${id}-note`;
}

/** aria props for the input, so screen readers read the error and the counter with it. */
export function fieldAria<F extends string>(form: DraftForm<F>, field: F, id: string) {
  const described = form.error(field) || form.counter(field) ? fieldNoteId(id) : undefined;
  return { 'aria-invalid': form.error(field) ? true : undefined, 'aria-describedby': described };
}

export function FieldNote<F extends string>({ form, field, id }: { form: DraftForm<F>; field: F; id: string }) {
  const error = form.error(field);
  const counter = form.counter(field);
  if (!error && !counter) return null;
  return (
    <p id={fieldNoteId(id)} className="field-note">
      {error ? <span className="field-error">{error}</span> : null}
      {counter ? (
        <span className={`counter${counter.over ? ' over' : ''}`} aria-label={`${counter.text} characters`}>
          {counter.text}
        </span>
      ) : null}
    </p>
  );
}

/** "Unsaved changes from 10:42 are shown. [Discard changes]" and draft storage problems. */
export function DraftNotice<F extends string>({ form, onDiscard }: { form: DraftForm<F>; onDiscard: () => void }) {
  if (!form.restoredAt && !form.draftProblem) return null;
  return (
    <div className="draft-notice" role="status">
      {form.restoredAt ? (
        <>
          <span>
            Your unsaved changes from{' '}
            {new Date(form.restoredAt).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })} are
            shown.
          </span>{' '}
          <button type="button" className="link" onClick={onDiscard}>
            Discard changes
          </button>
        </>
      ) : null}
      {form.draftProblem ? <span className="field-error">{form.draftProblem}</span> : null}
    </div>
  );
}
