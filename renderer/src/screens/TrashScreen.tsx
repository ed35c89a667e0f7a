/** Deleted jobs and sites, newest first, each with Restore (an edit through the change log, so it syncs). */
import { useEffect, useState } from 'react';
import type { TrashItem } from '../../../shared/domain/trash';
import { call } from '../api/client';
import { formatDateTime } from '../format';
import { useNav } from '../store/nav-store';
import { useToast } from '../store/toast-store';
import { FormError } from '../components/FormError';
import { EmptyState } from '../components/EmptyState';

const WORD = { job: 'Job', site: 'Site' } as const;

export function TrashScreen() {
  const navigate = useNav((s) => s.navigate);
  const dataVersion = useNav((s) => s.dataVersion);
  const dataChanged = useNav((s) => s.dataChanged);
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<TrashItem[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call('trash.list', { search: search.trim() || undefined, limit: 200 }).then(
        (page) => {
          if (!current) return;
          setItems(page.items);
          setMore(page.more);
          setError(null);
        },
        (e: Error) => current && setError(e.message),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, dataVersion]);

  const restore = async (item: TrashItem) => {
    try {
      await call('trash.restore', { entity: item.entity, id: item.id });
      setItems((list) => list?.filter((i) => i.id !== item.id) ?? null);
      dataChanged();
      useToast.getState().show(`${WORD[item.entity]} “${item.name}” restored.`, {
        label: 'Open',
        run: async () => navigate(item.entity === 'job' ? { screen: 'job', id: item.id } : { screen: 'site', id: item.id }),
      });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="screen" aria-labelledby="trash-heading">
      <div className="screen-header">
        <h2 id="trash-heading">Deleted</h2>
        <span className="count">{items ? `${items.length}${more ? '+' : ''} deleted` : ''}</span>
      </div>
      <p className="hint">Deleted jobs and sites stay here with their history; restoring one brings it back on every laptop.</p>
      <div className="filters">
        <label htmlFor="trash-search" className="visually-hidden">
          Search deleted jobs and sites
        </label>
        <input id="trash-search" type="search" placeholder="Search deleted jobs and sites" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <FormError>{error}</FormError>
      {items && items.length === 0 ? (
        <EmptyState title={search ? 'Nothing deleted matches' : 'Nothing deleted'}>Jobs and sites you or your colleagues delete appear here.</EmptyState>
      ) : (
        <ul className="card-list" aria-label="Deleted jobs and sites">
          {(items ?? []).map((item) => (
            <li key={`${item.entity}:${item.id}`} className="trash-row">
              <span className="trash-main">
                <span className="job-title">{item.name}</span>
                <span className="job-meta">
                  {WORD[item.entity]}
                  {item.detail ? ` · ${item.entity === 'job' ? `at ${item.detail}` : item.detail}` : ''} · deleted by {item.deletedBy}, {formatDateTime(item.deletedAt)}
                </span>
              </span>
              <button type="button" className="secondary" aria-label={`Restore ${WORD[item.entity].toLowerCase()} “${item.name}”`} onClick={() => void restore(item)}>
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="hint">Showing the 200 most recent; search to find older ones.</p> : null}
    </section>
  );
}
