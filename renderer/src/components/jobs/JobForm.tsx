/** Create or edit a job. Checks what it can before saving, with the contract's schemas; main checks everything again. */
import { useRef, useState, type FormEvent } from 'react';
import { jobCreateInput } from '../../../../shared/contract/jobs';
import { MAX_DUE_DATE, MIN_DUE_DATE } from '../../../../shared/contract/fields';
import { JOB_PRIORITIES, PRIORITY_LABELS, type Job, type JobPriority } from '../../../../shared/domain/jobs';
import { errorText } from '../../api/client';
import { confirmDiscard } from '../../forms/dirty-forms';
import { DraftNotice, FieldNote, fieldAria } from '../../forms/FieldNote';
import { useDraftForm } from '../../forms/use-draft-form';
import { saveShortcut } from '../../hooks/use-shortcuts';
import { useAppStore } from '../../store/app-store';
import { useProfile } from '../../store/profile-store';
import { AssigneeField } from '../pickers/AssigneeField';
import { SiteCombobox } from '../pickers/SiteCombobox';

export interface JobFormValues {
  title: string;
  siteId: string | null;
  priority: JobPriority;
  dueDate: string | null;
  assignee: string | null;
  /** The assignee's person id when picked from the people the workspace knows. */
  assigneeId: string | null;
  description: string;
}

interface JobFormProps {
  job?: Job;
  initialSiteId?: string;
  onSave: (values: JobFormValues) => Promise<void>;
  onCancel: () => void;
}

const shape = jobCreateInput.shape;
const FIELDS = {
  title: { schema: shape.title },
  siteId: {},
  priority: {},
  dueDate: { schema: shape.dueDate, emptyOk: true },
  assignee: { schema: shape.assignee, emptyOk: true },
  assigneeId: {},
  description: { schema: shape.description },
};

/** A typed date the browser cannot read (02/30/2027) leaves the value empty and sets badInput. */
export const BAD_DATE = 'The due date is not a real date: check the day and the month.';

export function JobForm({ job, initialSiteId, onSave, onCancel }: JobFormProps) {
  const me = useProfile((s) => s.name);
  const myId = useAppStore((s) => s.workspace?.deviceId ?? null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dueRef = useRef<HTMLInputElement>(null);
  const formId = job ? `job-form-${job.id}` : 'job-form-new';
  const form = useDraftForm({
    draftKey: job ? `job:${job.id}` : 'job:new',
    feature: 'jobs',
    fields: FIELDS,
    initial: {
      title: job?.title ?? '',
      siteId: job?.siteId ?? initialSiteId ?? '',
      priority: job?.priority ?? 'normal',
      dueDate: job?.dueDate ?? '',
      assignee: job ? (job.assignee ?? '') : (me ?? ''),
      // A new job is the worker's own by default: their person id goes with their name.
      assigneeId: job ? (job.assigneeId ?? '') : me ? (myId ?? '') : '',
      description: job?.description ?? '',
    },
    onDiscarded: onCancel,
    formId,
  });
  const { values } = form;

  const checkDate = () => {
    const bad = dueRef.current?.validity.badInput ?? false;
    if (bad) form.setError('dueDate', BAD_DATE);
    else if (form.error('dueDate') === BAD_DATE) form.setError('dueDate', null);
    return !bad;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = form.validate();
    const dateOk = checkDate();
    if (!ok || !dateOk) {
      if (!values.title.trim()) form.setError('title', 'Give the job a title, e.g. “Annual boiler service”.');
      setSaveError('Not saved yet: correct the marked fields.');
      return;
    }
    setSaveError(null);
    setSaving(true);
    try {
      await onSave({
        title: values.title.trim(),
        siteId: values.siteId || null,
        priority: values.priority as JobPriority,
        dueDate: values.dueDate || null,
        assignee: values.assignee.trim() || null,
        // The picked person's id, only while the name is theirs (see AssigneeField).
        assigneeId: values.assignee.trim() ? values.assigneeId || null : null,
        description: values.description,
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
    <form
      id={formId}
      className="card form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={saveShortcut}
      noValidate
      aria-label={job ? 'Edit job' : 'New job'}
    >
      <DraftNotice form={form} onDiscard={cancel} />
      <div className="field">
        <label htmlFor="job-title">Title</label>
        <input id="job-title" value={values.title} autoFocus {...fieldAria(form, 'title', 'job-title')} onChange={(e) => form.set('title', e.target.value)} />
        <FieldNote form={form} field="title" id="job-title" />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="job-site">Site</label>
          <SiteCombobox id="job-site" siteId={values.siteId || null} onChange={(siteId) => form.set('siteId', siteId ?? '')} noneLabel="No site" />
        </div>
        <div className="field">
          <label htmlFor="job-priority">Priority</label>
          <select id="job-priority" value={values.priority} onChange={(e) => form.set('priority', e.target.value)}>
            {JOB_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-due">Due date</label>
          <input
            id="job-due"
            ref={dueRef}
            type="date"
            min={MIN_DUE_DATE}
            max={MAX_DUE_DATE}
            value={values.dueDate}
            {...fieldAria(form, 'dueDate', 'job-due')}
            onChange={(e) => {
              form.set('dueDate', e.target.value);
              if (!e.target.validity.badInput && form.error('dueDate') === BAD_DATE) form.setError('dueDate', null);
            }}
            onBlur={checkDate}
          />
          <FieldNote form={form} field="dueDate" id="job-due" />
        </div>
        <div className="field">
          <label htmlFor="job-assignee">Assignee</label>
          <AssigneeField
            id="job-assignee"
            value={{ name: values.assignee, id: values.assigneeId || null }}
            invalid={form.error('assignee') !== null}
            describedBy={fieldAria(form, 'assignee', 'job-assignee')['aria-describedby']}
            onChange={(next) => form.setFields({ assignee: next.name, assigneeId: next.id ?? '' })}
          />
          <FieldNote form={form} field="assignee" id="job-assignee" />
        </div>
      </div>
      <div className="field">
        <label htmlFor="job-description">Description</label>
        <textarea
          id="job-description"
          rows={4}
          value={values.description}
          placeholder="What needs doing, access notes, parts to bring…"
          {...fieldAria(form, 'description', 'job-description')}
          onChange={(e) => form.set('description', e.target.value)}
        />
        <FieldNote form={form} field="description" id="job-description" />
      </div>
      {saveError ? (
        <p role="alert" className="form-error">
          {saveError}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} aria-keyshortcuts="Control+S">
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
