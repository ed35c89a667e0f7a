import { useEffect, useState } from 'react';
import { ApiError, call } from '../api/client';
import { JobFiltersBar } from '../components/jobs/JobFiltersBar';
import { JOB_ROW_HEIGHT, JobRow } from '../components/jobs/JobRow';
import { emptyListOffer } from '../components/sync-status-text';
import { VirtualList } from '../components/VirtualList';
import { useAppStore } from '../store/app-store';
import { useJobs } from '../store/jobs-store';
import { useNav } from '../store/nav-store';

export function JobsScreen() {
  const items = useJobs((s) => s.items);
  const nextCursor = useJobs((s) => s.nextCursor);
  const loading = useJobs((s) => s.loading);
  const error = useJobs((s) => s.error);
  const filters = useJobs((s) => s.filters);
  const reload = useJobs((s) => s.reload);
  const loadMore = useJobs((s) => s.loadMore);
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);

  useEffect(() => {
    void reload();
  }, [reload, dataVersion]);

  const filtered =
    !!filters.search || !!filters.status || !!filters.priority || !!filters.siteId || !!filters.assignee || filters.assignedToMe || !!filters.dueFrom || !!filters.dueTo;

  return (
    <section className="screen jobs-screen" aria-labelledby="jobs-heading">
      <div className="screen-header">
        <h2 id="jobs-heading">Jobs</h2>
        <span className="count" aria-live="polite">
          {loading && items.length === 0 ? 'Loading…' : `${items.length}${nextCursor ? '+' : ''} ${items.length === 1 ? 'job' : 'jobs'}`}
        </span>
        <button type="button" className="primary" onClick={() => navigate({ screen: 'newJob' })} aria-keyshortcuts="N">
          New job
        </button>
      </div>
      <JobFiltersBar />
      {error ? (
        <p role="alert" className="form-error">
          Could not load jobs: {error}
        </p>
      ) : null}
      {items.length === 0 && !loading ? (
        filtered ? (
          <div className="empty-state">
            <h3>No jobs match</h3>
            <p>Try another search word or clear the filters.</p>
          </div>
        ) : (
          <EmptyWorkspace />
        )
      ) : (
        <VirtualList
          label="Jobs"
          items={items}
          rowHeight={JOB_ROW_HEIGHT}
          getKey={(job) => job.id}
          renderRow={(job) => <JobRow job={job} />}
          onNearEnd={nextCursor ? () => void loadMore() : undefined}
        />
      )}
    </section>
  );
}

/** First run: offer example data, never load it unasked. */
function EmptyWorkspace() {
  const navigate = useNav((s) => s.navigate);
  const dataChanged = useNav((s) => s.dataChanged);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // A new laptop joining a team: its jobs are on the way, and sample data would reach every colleague.
  const offer = emptyListOffer(useAppStore((s) => s.sync));
  const loadSample = async () => {
    setBusy(true);
    try {
      await call('workspace.loadSampleData', {});
      dataChanged();
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Could not load the sample data.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="empty-state">
      <h3>{offer.kind === 'downloading' ? 'Downloading jobs…' : 'No jobs yet'}</h3>
      {offer.kind === 'sample' ? (
        <p>Jobs you create are saved on this laptop straight away and sync with your team when you are online.</p>
      ) : (
        <p role="status">{offer.text}</p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => navigate({ screen: 'newJob' })}>
          Create your first job
        </button>
        {offer.kind === 'sample' ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void loadSample()}>
            Load sample data
          </button>
        ) : null}
      </div>
      {offer.kind === 'sample' ? (
        <p className="hint">
          Sample data adds three example sites, six jobs and a safety checklist, so you can look around first.
          {offer.shared ? ' It is shared with everyone on your team database, like any other edit.' : ''}
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
