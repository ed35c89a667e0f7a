import { useEffect, useState } from 'react';
import type { Site } from '../../../shared/domain/sites';
import { call } from '../api/client';
import { SiteForm } from '../components/sites/SiteForm';
import { useNav } from '../store/nav-store';

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
    const timer = setTimeout(() => {
      call('sites.list', { search: search.trim() || undefined, limit: 200 })
        .then((page) => {
          setSites(page.items);
          setMore(page.nextCursor);
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [search, dataVersion]);

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
        <input id="site-search" type="search" placeholder="Search sites by name or address" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {sites && sites.length === 0 ? (
        <div className="empty-state">
          <h3>{search ? 'No sites match' : 'No sites yet'}</h3>
          <p>{search ? 'Try another name or address.' : 'Add the places you work at; jobs can then be filed under them.'}</p>
        </div>
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
