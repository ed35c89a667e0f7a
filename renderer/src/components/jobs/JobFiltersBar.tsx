import { useEffect, useState } from 'react';
import { JOB_PRIORITIES, JOB_SORTS, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS, type JobSort } from '../../../../shared/domain/jobs';
import type { Site } from '../../../../shared/domain/sites';
import { call } from '../../api/client';
import { SEARCH_INPUT_ID } from '../../hooks/use-shortcuts';
import { DEFAULT_FILTERS, UNASSIGNED, useJobs, type JobFilters } from '../../store/jobs-store';
import { useNav } from '../../store/nav-store';

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

export function JobFiltersBar() {
  const filters = useJobs((s) => s.filters);
  const setFilters = useJobs((s) => s.setFilters);
  const dataVersion = useNav((s) => s.dataVersion);
  const [search, setSearch] = useState(filters.search);
  const [sites, setSites] = useState<Site[]>([]);
  const [assignees, setAssignees] = useState<string[]>([]);

  useEffect(() => {
    void call('sites.list', { limit: 500 }).then((page) => setSites(page.items));
    void call('jobs.assignees', {}).then(setAssignees);
  }, [dataVersion]);

  // Search as the worker types, without a query per keystroke.
  useEffect(() => {
    if (search === useJobs.getState().filters.search) return;
    const timer = setTimeout(() => setFilters({ search }), 200);
    return () => clearTimeout(timer);
  }, [search, setFilters]);

  const active =
    filters.status || filters.priority || filters.siteId || filters.assignee || filters.assignedToMe || filters.dueFrom || filters.dueTo || filters.search;

  return (
    <div className="filters" role="search">
      <div className="search-field">
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          Search jobs
        </label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          placeholder="Search jobs by title, description or site  ( / )"
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setFilters({ search });
          }}
        />
      </div>
      <div className="filter-row">
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
        <div className="filter">
          <label htmlFor="filter-site">Site</label>
          <select id="filter-site" value={filters.siteId} onChange={(e) => setFilters({ siteId: e.target.value })}>
            <option value="">All sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" value={filters.assignee} onChange={(e) => setFilters({ assignee: e.target.value })}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Unassigned</option>
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
      </div>
      <div className="filter-row">
        <div className="filter">
          <label htmlFor="filter-due-from">Due from</label>
          <input id="filter-due-from" type="date" value={filters.dueFrom} onChange={(e) => setFilters({ dueFrom: e.target.value })} />
        </div>
        <div className="filter">
          <label htmlFor="filter-due-to">Due to</label>
          <input id="filter-due-to" type="date" value={filters.dueTo} onChange={(e) => setFilters({ dueTo: e.target.value })} />
        </div>
        <div className="filter sort">
          <label htmlFor="filter-sort">Sort by</label>
          <div className="sort-controls">
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
        </div>
        {active ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setSearch('');
              setFilters({ ...DEFAULT_FILTERS, sort: filters.sort, direction: filters.direction });
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
