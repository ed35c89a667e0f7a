import { useEffect, useState } from 'react';
import { maxLengthOf } from '../../../shared/contract/fields';
import { sitesContract } from '../../../shared/contract/sites';
import type { Site } from '../../../shared/domain/sites';
import { call, errorText } from '../api/client';
import { hasDraft } from '../forms/draft-cache';
import { SiteForm } from '../components/sites/SiteForm';
import { useNav } from '../store/nav-store';
import { FormError } from '../components/FormError';
import { EmptyState } from '../components/EmptyState';

const MAX_SEARCH = maxLengthOf(sitesContract['sites.list'].input.shape.search) ?? 200;

export function SitesScreen() {
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);
  const dataChanged = useNav((s) => s.dataChanged);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (search.length > MAX_SEARCH) return;
    const timer = setTimeout(() => {
      call('sites.list', { search: search.trim() || undefined, limit: 200 })
        .then((page) => {
          setSites(page.items);
          setMore(page.nextCursor);
          setError(null);
        })
        .catch((e: unknown) => setError(errorText(e)));
    }, 150);
    return () => clearTimeout(timer);
  }, [search, dataVersion]);

  // A new site left half-typed: open the form again with it.
  useEffect(() => {
    void hasDraft('site:new').then((has) => has && setCreating(true));
  }, []);

  const loadMore = async () => {
    if (!more) return;
    const page = await call('sites.list', { search: search.trim() || undefined, limit: 200, cursor: more });
    setSites((current) => [...(current ?? []), ...page.items]);
    setMore(page.nextCursor);
  };

  return (
    <section className="screen" aria-labelledby="sites-heading">
      <div className="screen-header">
        <h2 id="sites-heading">Sites</h2>
        <span className="count">{sites ? `${sites.length}${more ? '+' : ''} ${sites.length === 1 ? 'site' : 'sites'}` : ''}</span>
        {creating ? null : (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New site
          </button>
        )}
      </div>
      {creating ? (
        <SiteForm
          onCancel={() => setCreating(false)}
          onSave={async (values) => {
            const site = await call('sites.create', values);
            setCreating(false);
            dataChanged();
            navigate({ screen: 'site', id: site.id });
          }}
        />
      ) : null}
      <div className="filters">
        <label htmlFor="site-search" className="visually-hidden">
          Search sites
        </label>
        <input
          id="site-search"
          type="search"
          placeholder="Search sites by name or address"
          value={search}
          aria-invalid={search.length > MAX_SEARCH ? true : undefined}
          aria-describedby={search.length > MAX_SEARCH ? 'site-search-error' : undefined}
          onChange={(e) => setSearch(e.target.value)}
        />
        {search.length > MAX_SEARCH ? (
          <p id="site-search-error" className="field-error">
            The search text is too long: at most {MAX_SEARCH} characters.
          </p>
        ) : null}
      </div>
      <FormError>{error}</FormError>
      {sites && sites.length === 0 ? (
        <EmptyState title={search ? 'No sites match' : 'No sites yet'}>{search ? 'Try another name or address.' : 'Add the places you work at; jobs can then be filed under them.'}</EmptyState>
      ) : (
        <ul className="card-list" aria-label="Sites">
          {(sites ?? []).map((site) => (
            <li key={site.id}>
              <button type="button" className="site-row" onClick={() => navigate({ screen: 'site', id: site.id })}>
                <span className="job-title">{site.name}</span>
                <span className="job-meta">{site.address}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {more ? (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          Show more sites
        </button>
      ) : null}
    </section>
  );
}
