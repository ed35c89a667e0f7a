import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/domain/jobs';
import type { Site } from '../../../shared/domain/sites';
import { ApiError, call, errorText } from '../api/client';
import { hasDraft } from '../forms/draft-cache';
import { AsOfSiteView } from '../components/as-of/AsOfSiteView';
import { MomentPicker } from '../components/as-of/MomentPicker';
import { HistoryPanel } from '../components/history/HistoryPanel';
import { JobRow } from '../components/jobs/JobRow';
import { FieldRows } from '../components/FieldRows';
import { SiteForm } from '../components/sites/SiteForm';
import { siteFields } from '../components/sites/site-fields';
import { offerUndoDelete } from '../components/undo-delete';
import { useNav } from '../store/nav-store';

const PAGE = 100;
const NUMBER = new Intl.NumberFormat();

export function SiteDetailScreen({ id }: { id: string }) {
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);
  const dataChanged = useNav((s) => s.dataChanged);
  const [site, setSite] = useState<Site | null>(null);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The moment shown read-only ("as it was at"), or null for now. */
  const [asOf, setMoment] = useState<string | null>(null);
  // Viewing a moment, the heading names the site as it was then.
  const [pastName, setPastName] = useState<string | null>(null);
  const setAsOf = (at: string | null) => {
    setPastName(null);
    setMoment(at);
  };

  useEffect(() => {
    Promise.all([call('sites.get', { id }), call('jobs.list', { siteId: id, sort: 'due', limit: PAGE }), call('jobs.count', { siteId: id })])
      .then(([s, page, count]) => {
        setSite(s);
        setJobs(page.items);
        setNextCursor(page.nextCursor);
        setTotal(count.total);
      })
      .catch((e: unknown) => setError(e instanceof ApiError && e.code === 'NOT_FOUND' ? 'This site no longer exists.' : errorText(e)));
  }, [id, dataVersion]);

  useEffect(() => {
    void hasDraft(`site:${id}`).then((has) => has && setEditing(true));
  }, [id]);

  /** Check first, then explain: a site with jobs cannot be deleted, so say so instead of asking. */
  const remove = async (current: Site) => {
    try {
      const page = await call('jobs.list', { siteId: current.id, limit: 101 });
      if (page.items.length > 0) {
        const count = page.items.length > 100 ? 'more than 100 jobs' : page.items.length === 1 ? '1 job' : `${page.items.length} jobs`;
        const them = page.items.length === 1 ? 'it' : 'them';
        setError(`“${current.name}” cannot be deleted: it still has ${count}. Move ${them} to another site or delete ${them} first.`);
        return;
      }
      // No "are you sure?": the toast offers Undo, and the Deleted view keeps it.
      await call('sites.delete', { id: current.id });
      dataChanged();
      offerUndoDelete('site', current.id, current.name);
      navigate({ screen: 'sites' });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const showMore = async () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await call('jobs.list', { siteId: id, sort: 'due', limit: PAGE, cursor: nextCursor });
      setJobs((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const back = (
    <button type="button" className="link back" onClick={() => navigate({ screen: 'sites' })}>
      ← All sites
    </button>
  );
  if (error && !site) {
    return (
      <section className="screen">
        {back}
        <p role="alert" className="form-error">
          {error}
        </p>
      </section>
    );
  }
  if (!site) return <section className="screen">{back}</section>;

  return (
    <section className="screen" aria-labelledby="site-heading">
      {back}
      <div className="detail-header">
        <div>
          <h2 id="site-heading">{asOf && pastName !== null ? pastName : site.name}</h2>
          {asOf ? null : <p className="job-meta">{site.address}</p>}
        </div>
        {editing || site.deletedAt || asOf ? null : (
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit site
            </button>
            <button type="button" className="primary" onClick={() => navigate({ screen: 'newJob', siteId: site.id })}>
              New job here
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => void remove(site)}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {editing ? null : <MomentPicker key={asOf ?? 'now'} what="site" at={asOf} onPick={setAsOf} />}
      {asOf ? (
        <AsOfSiteView
          siteId={site.id}
          at={asOf}
          onBack={() => setAsOf(null)}
          onName={setPastName}
          onRestored={() => {
            setAsOf(null);
            dataChanged();
          }}
        />
      ) : editing ? (
        <SiteForm
          site={site}
          onCancel={() => setEditing(false)}
          onSave={async (values) => {
            await call('sites.update', { id: site.id, ...values });
            setEditing(false);
            dataChanged();
          }}
        />
      ) : (
        <div className="card">
          <FieldRows rows={siteFields(site, { address: false, lastChangeTime: false })} />
          {site.notes ? <p className="description">{site.notes}</p> : null}
        </div>
      )}
      <section className="card" aria-labelledby="site-jobs-heading">
        <div className="card-header">
          <h3 id="site-jobs-heading">Jobs at this site</h3>
          {total !== null ? <span className="count">{`${NUMBER.format(total)} ${total === 1 ? 'job' : 'jobs'}`}</span> : null}
        </div>
        {jobs.length === 0 ? (
          <p className="empty">No jobs at this site yet.</p>
        ) : (
          <ul className="card-list plain" aria-label="Jobs at this site">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobRow job={job} />
              </li>
            ))}
          </ul>
        )}
        {nextCursor ? (
          <div className="actions">
            <button type="button" className="secondary" disabled={loadingMore} onClick={() => void showMore()}>
              Show more jobs
            </button>
            <span className="hint">
              Showing {NUMBER.format(jobs.length)}
              {total !== null ? ` of ${NUMBER.format(total)}` : ''}
            </span>
          </div>
        ) : null}
      </section>
      <HistoryPanel key={site.updatedAt} entity="site" entityId={site.id} onPickMoment={setAsOf} />
    </section>
  );
}
