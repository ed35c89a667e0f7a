/**
 * Search, sort and a "Filters" disclosure on one line, so the list keeps the
 * height of a laptop screen; the filters open in a panel below it. The button
 * says how many filters are on while the panel is closed.
 */
import { useEffect, useState } from 'react';
import { MAX_DUE_DATE, MIN_DUE_DATE, maxLengthOf } from '../../../../shared/contract/fields';
import { JOB_PRIORITIES, JOB_SORTS, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS, type JobSort } from '../../../../shared/domain/jobs';
import { call } from '../../api/client';
import { SEARCH_INPUT_ID } from '../../hooks/use-shortcuts';
import { jobListInput } from '../../../../shared/contract/jobs';
import { DEFAULT_FILTERS, dueRangeInverted, UNASSIGNED, useJobs, type JobFilters } from '../../store/jobs-store';
import { useNav } from '../../store/nav-store';
import { SiteCombobox } from '../pickers/SiteCombobox';

const SORT_LABELS: Record<JobSort, string> = {
  created: 'Newest',
  updated: 'Recently changed',
  due: 'Due date',
  priority: 'Priority',
  title: 'Title',
};
const DEFAULT_DIRECTION: Record<JobSort, JobFilters['direction']> = {
  created: 'desc',
  updated: 'desc',
  due: 'asc',
  priority: 'desc',
  title: 'asc',
};
const PANEL_ID = 'job-filters-panel';

/** How many panel filters are on (the search has its own box). */
function activeCount(f: JobFilters): number {
  return [f.status, f.priority, f.siteId, f.assignee, f.assignedToMe, f.dueFrom, f.dueTo].filter(Boolean).length;
}

const MAX_SEARCH = maxLengthOf(jobListInput.shape.search) ?? 200;

export function JobFiltersBar() {
  const filters = useJobs((s) => s.filters);
  const setFilters = useJobs((s) => s.setFilters);
  const open = useJobs((s) => s.filtersOpen);
  const setOpen = useJobs((s) => s.setFiltersOpen);
  const dataVersion = useNav((s) => s.dataVersion);
  const [search, setSearch] = useState(filters.search);
  const [assignees, setAssignees] = useState<string[]>([]);
  /** A typed date the browser cannot read (02/30/2027) has an empty value: say so instead of dropping the filter. */
  const [badDate, setBadDate] = useState<{ dueFrom: boolean; dueTo: boolean }>({ dueFrom: false, dueTo: false });
  const searchTooLong = search.length > MAX_SEARCH;

  useEffect(() => {
    if (open) void call('jobs.assignees', {}).then(setAssignees);
  }, [dataVersion, open]);

  // Search as the worker types, without a query per keystroke.
  useEffect(() => {
    if (search === useJobs.getState().filters.search || search.length > MAX_SEARCH) return;
    const timer = setTimeout(() => setFilters({ search }), 200);
    return () => clearTimeout(timer);
  }, [search, setFilters]);

  const inverted = dueRangeInverted(filters);
  const dateProblem = badDate.dueFrom
    ? '“Due from” is not a real date: check the day and the month.'
    : badDate.dueTo
      ? '“Due to” is not a real date: check the day and the month.'
      : inverted
        ? `“Due from” (${filters.dueFrom}) is after “Due to” (${filters.dueTo}), so no job can match. Swap the two dates or change one.`
        : null;

  const count = activeCount(filters);
  const active = count > 0 || !!filters.search;

  return (
    <div className="filters" role="search">
      <div className="filter-bar">
        <div className="search-field">
          <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
            Search jobs
          </label>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            placeholder="Search jobs by title, description or site  ( / )"
            value={search}
            aria-invalid={searchTooLong ? true : undefined}
            aria-describedby={searchTooLong ? 'job-search-error' : undefined}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !searchTooLong) setFilters({ search });
            }}
          />
          {searchTooLong ? (
            <p id="job-search-error" className="field-error">
              The search text is too long: at most {MAX_SEARCH} characters.
            </p>
          ) : null}
        </div>
        <button type="button" className="secondary filters-toggle" aria-expanded={open} aria-controls={PANEL_ID} onClick={() => setOpen(!open)}>
          Filters{count > 0 ? ` (${count})` : ''}
        </button>
        <div className="sort-controls">
          <label htmlFor="filter-sort">Sort by</label>
          <select
            id="filter-sort"
            value={filters.sort}
            onChange={(e) => {
              const sort = e.target.value as JobSort;
              setFilters({ sort, direction: DEFAULT_DIRECTION[sort] });
            }}
          >
            {JOB_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            aria-label={filters.direction === 'asc' ? 'Ascending order; switch to descending' : 'Descending order; switch to ascending'}
            onClick={() => setFilters({ direction: filters.direction === 'asc' ? 'desc' : 'asc' })}
          >
            {filters.direction === 'asc' ? '↑' : '↓'}
          </button>
        </div>
        {active ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setSearch('');
              setBadDate({ dueFrom: false, dueTo: false });
              setFilters({ ...DEFAULT_FILTERS, sort: filters.sort, direction: filters.direction });
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div id={PANEL_ID} className="filter-row filter-panel" hidden={!open}>
        <div className="filter">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value as JobFilters['status'] })}>
            <option value="">Any status</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-priority">Priority</label>
          <select
            id="filter-priority"
            value={filters.priority}
            onChange={(e) => setFilters({ priority: e.target.value as JobFilters['priority'] })}
          >
            <option value="">Any priority</option>
            {JOB_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter site-filter">
          <label htmlFor="filter-site">Site</label>
          <SiteCombobox id="filter-site" siteId={filters.siteId || null} onChange={(siteId) => setFilters({ siteId: siteId ?? '' })} noneLabel="All sites" />
        </div>
        <div className="filter">
          <label htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" value={filters.assignee} onChange={(e) => setFilters({ assignee: e.target.value })}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Unassigned</option>
            {/* A saved name may not be among the current assignees. */}
            {filters.assignee && filters.assignee !== UNASSIGNED && !assignees.includes(filters.assignee) ? (
              <option value={filters.assignee}>{filters.assignee}</option>
            ) : null}
            {assignees.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={filters.assignedToMe} onChange={(e) => setFilters({ assignedToMe: e.target.checked })} />
          Assigned to me
        </label>
        <div className="filter">
          <label htmlFor="filter-due-from">Due from</label>
          <input
            id="filter-due-from"
            type="date"
            min={MIN_DUE_DATE}
            max={MAX_DUE_DATE}
            value={filters.dueFrom}
            aria-invalid={badDate.dueFrom || inverted ? true : undefined}
            aria-describedby={badDate.dueFrom || inverted ? 'due-range-problem' : undefined}
            onChange={(e) => {
              setBadDate((current) => ({ ...current, dueFrom: e.target.validity.badInput }));
              setFilters({ dueFrom: e.target.value });
            }}
            onBlur={(e) => setBadDate((current) => ({ ...current, dueFrom: e.target.validity.badInput }))}
          />
        </div>
        <div className="filter">
          <label htmlFor="filter-due-to">Due to</label>
          <input
            id="filter-due-to"
            type="date"
            min={MIN_DUE_DATE}
            max={MAX_DUE_DATE}
            value={filters.dueTo}
            aria-invalid={badDate.dueTo || inverted ? true : undefined}
            aria-describedby={badDate.dueTo || inverted ? 'due-range-problem' : undefined}
            onChange={(e) => {
              setBadDate((current) => ({ ...current, dueTo: e.target.validity.badInput }));
              setFilters({ dueTo: e.target.value });
            }}
            onBlur={(e) => setBadDate((current) => ({ ...current, dueTo: e.target.validity.badInput }))}
          />
        </div>
      </div>
      {dateProblem ? (
        <p id="due-range-problem" role="alert" className="form-error">
          {dateProblem}{' '}
          {inverted && !badDate.dueFrom && !badDate.dueTo ? (
            <button type="button" className="link" onClick={() => setFilters({ dueFrom: filters.dueTo, dueTo: filters.dueFrom })}>
              Swap the dates
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
