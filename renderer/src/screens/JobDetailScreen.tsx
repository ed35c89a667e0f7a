import { useEffect, useState } from 'react';
import type { Attachment } from '../../../shared/domain/attachments';
import type { Inspection } from '../../../shared/domain/inspections';
import type { Job, JobStatus } from '../../../shared/domain/jobs';
import type { Note } from '../../../shared/domain/notes';
import { ApiError, call, errorText } from '../api/client';
import { hasDraft } from '../forms/draft-cache';
import { PriorityBadge, StatusBadge } from '../components/jobs/Badges';
import { AsOfJobView } from '../components/as-of/AsOfJobView';
import { MomentPicker } from '../components/as-of/MomentPicker';
import { HistoryPanel } from '../components/history/HistoryPanel';
import { ChecklistPanel } from '../components/jobs/ChecklistPanel';
import { ExportPdfButton } from '../components/reports/ExportPdfButton';
import { FieldRows } from '../components/FieldRows';
import { JobForm } from '../components/jobs/JobForm';
import { jobFields } from '../components/jobs/job-fields';
import { NotesTimeline } from '../components/jobs/NotesTimeline';
import { DeletedPhotos } from '../components/photos/DeletedPhotos';
import { PhotoStrip } from '../components/photos/PhotoStrip';
import { StatusActions } from '../components/jobs/StatusActions';
import { offerUndoDelete } from '../components/undo-delete';
import { dueState } from '../format';
import { useNav } from '../store/nav-store';

interface Loaded {
  job: Job;
  notes: Note[];
  inspection: Inspection | null;
  attachments: Attachment[];
}

export function JobDetailScreen({ id }: { id: string }) {
  const navigate = useNav((s) => s.navigate);
  const dataChanged = useNav((s) => s.dataChanged);
  const dataVersion = useNav((s) => s.dataVersion);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The moment shown read-only ("as it was at"), or null for now. */
  const [asOf, setMoment] = useState<string | null>(null);
  // Viewing a moment, the heading names the job as it was then (its title may have changed since).
  const [pastTitle, setPastTitle] = useState<string | null>(null);
  const setAsOf = (at: string | null) => {
    setPastTitle(null);
    setMoment(at);
  };

  useEffect(() => {
    Promise.all([
      call('jobs.get', { id }),
      call('notes.list', { jobId: id }),
      call('inspections.forJob', { jobId: id }),
      call('attachments.list', { jobId: id, includeDeleted: true }),
    ])
      .then(([job, notes, inspection, attachments]) => {
        setLoaded({ job, notes, inspection, attachments });
        setLoadError(null);
      })
      .catch((error: Error) =>
        setLoadError(error instanceof ApiError && error.code === 'NOT_FOUND' ? 'This job no longer exists.' : errorText(error)),
      );
  }, [id, dataVersion]);

  // Unsaved changes to this job from earlier: open the form again with them.
  useEffect(() => {
    void hasDraft(`job:${id}`).then((has) => has && setEditing(true));
  }, [id]);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setActionError(null);
      dataChanged();
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <button type="button" className="link back" onClick={() => navigate({ screen: 'jobs' })}>
      ← All jobs
    </button>
  );
  if (loadError) {
    return (
      <section className="screen">
        {back}
        <p role="alert" className="form-error">
          {loadError}
        </p>
      </section>
    );
  }
  if (!loaded) return <section className="screen">{back}</section>;
  const { job, notes, inspection, attachments } = loaded;
  const deleted = job.deletedAt !== null;
  const jobPhotos = attachments.filter((a) => a.kind === 'photo' && a.deletedAt === null);
  const deletedPhotos = attachments.filter((a) => a.kind === 'photo' && a.deletedAt !== null);
  const photoStrip = (ownerType: 'job' | 'note', ownerId: string, label: string, part?: string) => (
    <PhotoStrip
      jobTitle={job.title}
      ownerType={ownerType}
      ownerId={ownerId}
      jobPhotos={jobPhotos}
      readOnly={deleted}
      onChanged={dataChanged}
      label={label}
      part={part}
    />
  );
  const due = dueState(job.dueDate, job.status === 'done');

  return (
    <section className="screen job-detail" aria-labelledby="job-heading">
      {back}
      <div className="detail-header">
        <div>
          <h2 id="job-heading">{asOf && pastTitle !== null ? pastTitle : job.title}</h2>
          {/* The past view shows the status and priority of that moment; today's would contradict it. */}
          {asOf ? null : (
            <div className="detail-badges">
              <StatusBadge status={job.status} />
              <PriorityBadge priority={job.priority} />
              {deleted ? <span className="badge deleted">Deleted</span> : null}
            </div>
          )}
        </div>
        {deleted || editing || asOf ? null : (
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit job
            </button>
            <ExportPdfButton jobId={job.id} />
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                // No "are you sure?": the toast offers Undo, and the Deleted view keeps it.
                void act(() => call('jobs.delete', { id: job.id })).then(() => {
                  offerUndoDelete('job', job.id, job.title);
                  navigate({ screen: 'jobs' });
                });
              }}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      {actionError ? (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      ) : null}
      {editing ? null : <MomentPicker key={asOf ?? 'now'} what="job" at={asOf} onPick={setAsOf} />}
      {asOf ? (
        <AsOfJobView
          jobId={job.id}
          at={asOf}
          onBack={() => setAsOf(null)}
          onTitle={setPastTitle}
          onRestored={() => {
            setAsOf(null);
            dataChanged();
          }}
        />
      ) : null}
      {asOf ? null : editing && !deleted ? (
        <JobForm
          job={job}
          onCancel={() => setEditing(false)}
          onSave={async (values) => {
            await call('jobs.update', { id: job.id, ...values });
            setEditing(false);
            dataChanged();
          }}
        />
      ) : (
        <div className="card">
          <FieldRows
            rows={jobFields(job, {
              dueClass: due ? `due-${due}` : undefined,
              site: job.siteId ? (
                <button type="button" className="link" onClick={() => navigate({ screen: 'site', id: job.siteId! })}>
                  {job.siteName ?? 'Unknown site'}
                </button>
              ) : undefined,
            })}
          />
          {job.description ? <p className="description">{job.description}</p> : <p className="empty">No description.</p>}
          {deleted ? null : (
            <StatusActions
              status={job.status}
              busy={busy}
              onChange={(status: JobStatus) => void act(() => call('jobs.setStatus', { id: job.id, status }))}
            />
          )}
        </div>
      )}
      {asOf ? null : (
        <>
          <section className="card" aria-labelledby="photos-heading">
            <h3 id="photos-heading">Photos</h3>
            {photoStrip('job', job.id, `Photos of ${job.title}`)}
            <DeletedPhotos jobTitle={job.title} photos={deletedPhotos} readOnly={deleted} />
          </section>
          <ChecklistPanel
            jobId={job.id}
            inspection={inspection}
            photos={{
              jobTitle: job.title,
              jobPhotos,
              signatures: inspection ? attachments.filter((a) => a.kind === 'signature' && a.ownerId === inspection.id && a.deletedAt === null) : [],
              onChanged: dataChanged,
            }}
            onChanged={(next) => {
              setLoaded((current) => (current ? { ...current, inspection: next } : current));
              dataChanged();
            }}
            onError={setActionError}
          />
          <NotesTimeline
            jobId={job.id}
            notes={notes}
            readOnly={deleted}
            notePhotos={(noteId) => photoStrip('note', noteId, 'Photos of this note', 'this note')}
            onAdd={async (body) => {
              await call('notes.add', { jobId: job.id, body });
              dataChanged();
            }}
          />
        </>
      )}
      <HistoryPanel key={job.updatedAt} entity="job" entityId={job.id} onPickMoment={setAsOf} />
    </section>
  );
}
