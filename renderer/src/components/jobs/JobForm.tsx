/** Create or edit a job. Checks what it can before saving; main checks everything again. */
import { useState, type FormEvent } from 'react';
import { JOB_PRIORITIES, PRIORITY_LABELS, type Job, type JobPriority } from '../../../../shared/domain/jobs';
import { saveShortcut } from '../../hooks/use-shortcuts';
import { useAppStore } from '../../store/app-store';
import { useProfile } from '../../store/profile-store';
import { AssigneeField, type AssigneeValue } from '../pickers/AssigneeField';
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

export function JobForm({ job, initialSiteId, onSave, onCancel }: JobFormProps) {
  const me = useProfile((s) => s.name);
  const myId = useAppStore((s) => s.workspace?.deviceId ?? null);
  const [title, setTitle] = useState(job?.title ?? '');
  const [siteId, setSiteId] = useState<string | null>(job?.siteId ?? initialSiteId ?? null);
  const [priority, setPriority] = useState<JobPriority>(job?.priority ?? 'normal');
  const [dueDate, setDueDate] = useState(job?.dueDate ?? '');
  const [assignee, setAssignee] = useState<AssigneeValue>(
    job ? { name: job.assignee ?? '', id: job.assigneeId } : { name: me ?? '', id: me ? myId : null },
  );
  const [description, setDescription] = useState(job?.description ?? '');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setTitleError('Give the job a title, e.g. “Annual boiler service”.');
      document.getElementById('job-title')?.focus();
      return;
    }
    setTitleError(null);
    setSaving(true);
    try {
      await onSave({
        title: trimmed,
        siteId,
        priority,
        dueDate: dueDate || null,
        assignee: assignee.name.trim() || null,
        assigneeId: assignee.name.trim() ? assignee.id : null,
        description,
      });
    } catch (error) {
      setSaveError(`Not saved: ${(error as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} onKeyDown={saveShortcut} noValidate aria-label={job ? 'Edit job' : 'New job'}>
      <div className="field">
        <label htmlFor="job-title">Title</label>
        <input
          id="job-title"
          value={title}
          maxLength={200}
          autoFocus
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? 'job-title-error' : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            if (titleError && e.target.value.trim()) setTitleError(null);
          }}
        />
        {titleError ? (
          <p id="job-title-error" className="field-error">
            {titleError}
          </p>
        ) : null}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="job-site">Site</label>
          <SiteCombobox id="job-site" siteId={siteId} onChange={setSiteId} noneLabel="No site" />
        </div>
        <div className="field">
          <label htmlFor="job-priority">Priority</label>
          <select id="job-priority" value={priority} onChange={(e) => setPriority(e.target.value as JobPriority)}>
            {JOB_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-due">Due date</label>
          <input id="job-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="job-assignee">Assignee</label>
          <AssigneeField id="job-assignee" value={assignee} onChange={setAssignee} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="job-description">Description</label>
        <textarea
          id="job-description"
          rows={4}
          maxLength={20000}
          value={description}
          placeholder="What needs doing, access notes, parts to bring…"
          onChange={(e) => setDescription(e.target.value)}
        />
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
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <span className="hint">Ctrl+S saves</span>
      </div>
    </form>
  );
}
