import { useEffect, useRef, useState } from 'react';
import { flushAllDrafts } from '../forms/draft-cache';
import { ApiError, call } from '../api/client';
import { JobFiltersBar } from '../components/jobs/JobFiltersBar';
import { ListExports } from '../components/reports/ListExports';
import { JOB_ROW_HEIGHT, JobRow } from '../components/jobs/JobRow';
import { emptyListOffer } from '../components/sync-status-text';
import { VirtualList } from '../components/VirtualList';
import { useAppStore } from '../store/app-store';
import { toQuery, useJobs } from '../store/jobs-store';
import { useNav } from '../store/nav-store';

export function JobsScreen() {
  const items = useJobs((s) => s.items);
  const nextCursor = useJobs((s) => s.nextCursor);
  const loading = useJobs((s) => s.loading);
  const error = useJobs((s) => s.error);
  const filters = useJobs((s) => s.filters);
  const total = useJobs((s) => s.total);
  const hydrated = useJobs((s) => s.hydrated);
  const loadMore = useJobs((s) => s.loadMore);
  const rememberScroll = useJobs((s) => s.rememberScroll);
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);
  // Read once: the list opens where the worker left it.
  const [initialScrollTop] = useState(() => useJobs.getState().scrollTop);
  // Until the first load completes: a change arriving meanwhile restarts the load, and must not cancel the refocus.
  const refocusPending = useRef(true);

  // First the saved filters, then the rows. Rows already loaded (coming back
  // from a job, or a change arriving) are re-read in place, so the list keeps
  // its position; only a new query starts again from the top.
  useEffect(() => {
    let current = true;
    const jobs = useJobs.getState();
    void (async () => {
      await jobs.hydrate();
      if (!current) return;
      const state = useJobs.getState();
      if (state.items.length > 0) await state.refresh();
      else await state.reload();
      if (current && refocusPending.current) {
        refocusPending.current = false;
        focusLastOpened();
      }
    })();
    return () => {
      current = false;
    };
  }, [dataVersion]);

  const filtered =
    !!filters.search || !!filters.status || !!filters.priority || !!filters.siteId || !!filters.assignee || filters.assignedToMe || !!filters.dueFrom || !!filters.dueTo;

  return (
    <section className="screen jobs-screen" aria-labelledby="jobs-heading">
      <div className="screen-header">
        <h2 id="jobs-heading">Jobs</h2>
        <span className="count" aria-live="polite">
          {countText(loading && items.length === 0, total, items.length, nextCursor !== null)}
        </span>
        <button type="button" className="primary" onClick={() => navigate({ screen: 'newJob' })} aria-keyshortcuts="N">
          New job
        </button>
        <ListExports query={toQuery(filters)} />
      </div>
      <JobFiltersBar />
      {error ? (
        <p role="alert" className="form-error">
          Could not load jobs: {error}
        </p>
      ) : null}
      {!hydrated ? null : items.length === 0 && !loading ? (
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
          initialScrollTop={initialScrollTop}
          onScrolled={rememberScroll}
        />
      )}
    </section>
  );
}

const NUMBER = new Intl.NumberFormat();

/** "12,345 jobs": the total matching; while it is counted, what is loaded so far. */
function countText(loading: boolean, total: number | null, loaded: number, more: boolean): string {
  if (loading) return 'Loading…';
  const n = total ?? loaded;
  return `${NUMBER.format(n)}${total === null && more ? '+' : ''} ${n === 1 ? 'job' : 'jobs'}`;
}

/** How long the row opened last may take to be drawn again (a busy laptop re-reads the list first). */
const REFOCUS_WAIT_MS = 3000;

/**
 * Back from a job: the keyboard focus returns to the row that was opened, if it
 * is in view. The virtual list draws rows only after the re-read, so wait for
 * the row frame by frame; stop as soon as the worker focuses something else.
 */
function focusLastOpened(): void {
  const id = useJobs.getState().lastOpenedId;
  if (!id) return;
  const deadline = performance.now() + REFOCUS_WAIT_MS;
  const attempt = () => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const row = document.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(id)}"]`);
    if (row) row.focus({ preventScroll: true });
    else if (performance.now() < deadline) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
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
      // Sample data lives in the local-only Demo workspace, so no team database receives it.
      flushAllDrafts();
      await call('workspace.openDemo', {});
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
          Sample data opens a separate Demo workspace with three example sites, six jobs and a safety checklist, so you
          can look around first. It stays on this laptop and never syncs; switch back with “Workspaces”.
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
