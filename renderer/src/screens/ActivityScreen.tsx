/**
 * Workspace activity: what changed since a moment, by whom, newest first,
 * filtered by person, kind and time range; older pages load on demand.
 */
import { useEffect, useMemo, useState } from 'react';
import { ACTIVITY_AREAS, type ActivityArchived, type ActivityArea, type ActivityEntry } from '../../../shared/domain/activity';
import type { Person } from '../../../shared/domain/people';
import { call, errorText } from '../api/client';
import { entryText, QUIET_FIELDS } from '../components/activity/activity-text';
import { fromLocalInput } from '../components/as-of/moment';
import { fieldLabel, valueText } from '../components/history/history-text';
import { formatDateTime } from '../format';
import { useNav } from '../store/nav-store';
import '../components/as-of/as-of.css';

const PAGE = 50;
const AREA_LABELS: Record<ActivityArea, string> = { job: 'Jobs', site: 'Sites', note: 'Timeline', checklist: 'Checklists', template: 'Templates' };

interface Filters {
  personId: string;
  kinds: ActivityArea[];
  since: string;
  until: string;
}

function query(filters: Filters): { input: Record<string, unknown>; problem: string | null } {
  const since = filters.since ? fromLocalInput(filters.since) : null;
  const until = filters.until ? fromLocalInput(filters.until) : null;
  if (filters.since && !since) return { input: {}, problem: 'Enter a full date and time for “Since”.' };
  if (filters.until && !until) return { input: {}, problem: 'Enter a full date and time for “Until”.' };
  return {
    input: {
      limit: PAGE,
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(filters.personId ? { personId: filters.personId } : {}),
      ...(filters.kinds.length > 0 ? { kinds: filters.kinds } : {}),
    },
    problem: null,
  };
}

export function ActivityScreen() {
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);
  const [people, setPeople] = useState<Person[]>([]);
  const [filters, setFilters] = useState<Filters>({ personId: '', kinds: [], since: '', until: '' });
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Compacted edits of the range: the notice, and the archived edits once asked for.
  const [archivedNotice, setArchivedNotice] = useState<ActivityArchived | null>(null);
  const [archivedEntries, setArchivedEntries] = useState<ActivityEntry[] | null>(null);
  const [archivedCursor, setArchivedCursor] = useState<string | null>(null);
  const [archivedError, setArchivedError] = useState<string | null>(null);
  const [loadingArchived, setLoadingArchived] = useState(false);

  useEffect(() => {
    void call('people.list', { limit: 200 }).then((list) => setPeople(list.filter((p) => p.id !== null)));
  }, []);

  const { input, problem } = useMemo(() => query(filters), [filters]);

  useEffect(() => {
    if (problem) return;
    let active = true;
    const timer = setTimeout(() => {
      call('activity.list', input).then(
        (page) => {
          if (!active) return;
          setEntries(page.items);
          setCursor(page.nextCursor);
          setError(null);
        },
        (e: unknown) => active && setError(errorText(e)),
      );
    }, 150);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [input, problem, dataVersion]);

  // Asked apart from the first page, so the feed shows as fast as before; a new range starts over.
  useEffect(() => {
    if (problem) return;
    let active = true;
    const { limit: _limit, ...range } = input;
    const show = (notice: ActivityArchived | null) => {
      if (!active) return;
      setArchivedNotice(notice);
      setArchivedEntries(null);
      setArchivedCursor(null);
      setArchivedError(null);
    };
    call('activity.archived', range).then(show, () => show(null));
    return () => {
      active = false;
    };
  }, [input, problem]);

  const loadArchived = async () => {
    if (loadingArchived) return;
    setLoadingArchived(true);
    try {
      const page = await call('activity.loadArchived', { ...input, cursor: archivedCursor });
      setArchivedEntries((list) => [...(list ?? []), ...page.items]);
      setArchivedCursor(page.nextCursor);
      setArchivedError(null);
    } catch (e) {
      setArchivedError(errorText(e));
    } finally {
      setLoadingArchived(false);
    }
  };

  const more = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await call('activity.list', { ...input, cursor });
      setEntries((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const toggleKind = (kind: ActivityArea) =>
    setFilters((f) => ({ ...f, kinds: f.kinds.includes(kind) ? f.kinds.filter((k) => k !== kind) : [...f.kinds, kind] }));

  const renderEntry = (entry: ActivityEntry) => (
      <li key={entry.changeId} className="activity-entry">
        <div className="timeline-head">
          <time dateTime={entry.editedAt}>{formatDateTime(entry.editedAt)}</time>
        </div>
        <div>
          {entryText(entry)}
          {entry.jobId ? (
            <button type="button" className="link history-moment" aria-label={`Open job “${entry.jobTitle ?? ''}”`} onClick={() => navigate({ screen: 'job', id: entry.jobId! })}>
              Open job
            </button>
          ) : entry.entity === 'site' ? (
            <button type="button" className="link history-moment" aria-label={`Open site “${entry.siteName ?? ''}”`} onClick={() => navigate({ screen: 'site', id: entry.entityId })}>
              Open site
            </button>
          ) : null}
        </div>
        <ul className="activity-fields">
          {entry.fields
            .filter((f) => !QUIET_FIELDS.has(f.field))
            .map((f) => (
              <li key={f.field}>
                <span className="field-name">{fieldLabel(f.field)}:</span> {valueText(f, 200)}
              </li>
            ))}
        </ul>
      </li>
  );

  return (
    <section className="screen" aria-labelledby="activity-heading">
      <div className="screen-header">
        <h2 id="activity-heading">Activity</h2>
        <span className="count">{entries ? `${entries.length}${cursor ? '+' : ''} changes` : ''}</span>
      </div>
      <p className="hint">Every edit in this workspace, from every laptop, newest first. Times are edit times.</p>
      <div className="filters card" role="search" aria-label="Filter activity">
        <div className="filter-row">
          <label className="filter">
            Person
            <select value={filters.personId} onChange={(e) => setFilters((f) => ({ ...f, personId: e.target.value }))}>
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.id} value={p.id!}>
                  {p.name}
                  {p.me ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            Since
            <input type="datetime-local" step={1} value={filters.since} onChange={(e) => setFilters((f) => ({ ...f, since: e.target.value }))} />
          </label>
          <label className="filter">
            Until
            <input type="datetime-local" step={1} value={filters.until} onChange={(e) => setFilters((f) => ({ ...f, until: e.target.value }))} />
          </label>
        </div>
        <fieldset className="activity-kinds">
          <legend>Kinds</legend>
          {ACTIVITY_AREAS.map((kind) => (
            <label key={kind} className="choice">
              <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              {AREA_LABELS[kind]}
            </label>
          ))}
        </fieldset>
      </div>
      {(problem ?? error) ? (
        <p role="alert" className="form-error">
          {problem ?? error}
        </p>
      ) : null}
      {archivedNotice ? (
        <p role="note" className="hint activity-archived-notice">
          {archivedNotice.message}
          {archivedNotice.canLoad ? ' They are listed under “Archived edits” at the end.' : ''}
        </p>
      ) : null}
      {entries === null ? <p className="empty">Loading activity…</p> : null}
      {entries?.length === 0 ? (
        <div className="empty-state">
          <h3>No changes match</h3>
          <p>Change the filters, or pick an earlier “Since”.</p>
        </div>
      ) : null}
      {entries && entries.length > 0 ? (
        <ol className="card-list" aria-label="Changes">
          {entries.map(renderEntry)}
        </ol>
      ) : null}
      {cursor ? (
        <div className="actions">
          <button type="button" className="secondary" disabled={loadingMore} onClick={() => void more()}>
            Show older changes
          </button>
        </div>
      ) : null}
      {archivedNotice ? (
        <section className="card activity-archived" aria-label="Archived edits">
          <h3>Archived edits</h3>
          {archivedError ? (
            <p role="alert" className="form-error">
              {archivedError}
            </p>
          ) : null}
          {archivedEntries && archivedEntries.length > 0 ? (
            <ol className="card-list" aria-label="Edits from the archive">
              {archivedEntries.map(renderEntry)}
            </ol>
          ) : null}
          {archivedEntries?.length === 0 ? <p className="empty">The archive holds no edits that match these filters.</p> : null}
          {archivedNotice.canLoad && (archivedEntries === null || archivedCursor) ? (
            <div className="actions">
              <button type="button" className="secondary" disabled={loadingArchived} onClick={() => void loadArchived()}>
                {archivedEntries === null ? 'Load archived edits' : 'Show older archived edits'}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
