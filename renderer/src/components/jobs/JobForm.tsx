/** Create or edit a job. Checks what it can before saving; main checks everything again. */
import { useEffect, useState, type FormEvent } from 'react';
import { JOB_PRIORITIES, PRIORITY_LABELS, type Job, type JobPriority } from '../../../../shared/domain/jobs';
import type { Site } from '../../../../shared/domain/sites';
import { call } from '../../api/client';
import { saveShortcut } from '../../hooks/use-shortcuts';
import { useProfile } from '../../store/profile-store';

export interface JobFormValues {
  title: string;
  siteId: string | null;
  priority: JobPriority;
  dueDate: string | null;
  assignee: string | null;
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
  const [sites, setSites] = useState<Site[]>([]);
  const [title, setTitle] = useState(job?.title ?? '');
  const [siteId, setSiteId] = useState(job?.siteId ?? initialSiteId ?? '');
  const [priority, setPriority] = useState<JobPriority>(job?.priority ?? 'normal');
  const [dueDate, setDueDate] = useState(job?.dueDate ?? '');
  const [assignee, setAssignee] = useState(job ? (job.assignee ?? '') : (me ?? ''));
  const [description, setDescription] = useState(job?.description ?? '');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('sites.list', { limit: 500 }).then((page) => setSites(page.items));
  }, []);

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
        siteId: siteId || null,
        priority,
        dueDate: dueDate || null,
        assignee: assignee.trim() || null,
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
          <select id="job-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">No site</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
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
          <input id="job-assignee" value={assignee} maxLength={200} placeholder="Unassigned" onChange={(e) => setAssignee(e.target.value)} />
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
