/** A site's fields as they were at a moment, read-only, with "Restore to this moment". */
import { useEffect, useState } from 'react';
import type { AsOfSite } from '../../../../shared/domain/as-of';
import { call, errorText } from '../../api/client';
import { formatDateTime } from '../../format';
import { useToast } from '../../store/toast-store';
import { AsOfBanner } from './AsOfBanner';
import { RestoreMomentDialog } from './RestoreMomentDialog';
import './as-of.css';

interface AsOfSiteViewProps {
  siteId: string;
  at: string;
  onBack: () => void;
  onRestored: () => void;
}

export function AsOfSiteView({ siteId, at, onBack, onRestored }: AsOfSiteViewProps) {
  const [view, setView] = useState<AsOfSite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    call('asOf.site', { id: siteId, at }).then(
      (v) => {
        if (!active) return;
        setView(v);
        setError(null);
      },
      (e: unknown) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [siteId, at]);

  const restore = async () => {
    setBusy(true);
    try {
      await call('asOf.restore', { entity: 'site', id: siteId, at });
      setConfirming(false);
      useToast.getState().show(`Site restored to ${formatDateTime(at)}.`);
      onRestored();
    } catch (e) {
      setConfirming(false);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (error && !view) {
    return (
      <p role="alert" className="form-error">
        {error}
      </p>
    );
  }
  if (!view) return <p className="empty">Loading the site as it was…</p>;
  const site = view.site;
  return (
    <section className="as-of-view" aria-label="Site as it was">
      <AsOfBanner
        what="site"
        at={view.at}
        existed={view.existed}
        editsSince={view.editsSince}
        differences={view.differences}
        onRestore={() => setConfirming(true)}
        onBack={onBack}
      />
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {!site ? (
        <p className="empty">This site did not exist yet at that moment: it was created {formatDateTime(view.createdAt)}.</p>
      ) : (
        <div className="card">
          <h3 className="as-of-title">{site.name}</h3>
          {site.deletedAt ? <span className="badge deleted">Deleted {formatDateTime(site.deletedAt)}</span> : null}
          <dl className="facts">
            <div>
              <dt>Address</dt>
              <dd>{site.address || '—'}</dd>
            </div>
            <div>
              <dt>Contact</dt>
              <dd>{site.contact || '—'}</dd>
            </div>
            <div>
              <dt>Coordinates</dt>
              <dd>{site.latitude !== null && site.longitude !== null ? `${site.latitude}, ${site.longitude}` : '—'}</dd>
            </div>
            <div>
              <dt>Last change</dt>
              <dd>
                {site.updatedBy}, {formatDateTime(site.updatedAt)}
              </dd>
            </div>
          </dl>
          {site.notes ? <p className="description">{site.notes}</p> : null}
        </div>
      )}
      {confirming ? (
        <RestoreMomentDialog what="site" at={view.at} differences={view.differences} busy={busy} onConfirm={() => void restore()} onCancel={() => setConfirming(false)} />
      ) : null}
    </section>
  );
}
