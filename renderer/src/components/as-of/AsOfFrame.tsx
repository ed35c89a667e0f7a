/**
 * What the job's and the site's as-of views share: loading the past view,
 * the read-only banner, errors, "did not exist yet", and restore with its
 * confirmation. The view itself (`children`) shows the record as it was.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AsOfJob, AsOfSite } from '../../../../shared/domain/as-of';
import { call, errorText } from '../../api/client';
import { formatDateTime } from '../../format';
import { useToast } from '../../store/toast-store';
import { AsOfBanner } from './AsOfBanner';
import { RestoreMomentDialog } from './RestoreMomentDialog';
import './as-of.css';

interface Views {
  job: AsOfJob;
  site: AsOfSite;
}

interface AsOfFrameProps<E extends keyof Views> {
  entity: E;
  id: string;
  at: string;
  onBack: () => void;
  /** After a restore: leave the past and reload the record. */
  onRestored: () => void;
  /** The record as it was; called only when it existed at that moment. */
  children: (view: Views[E]) => ReactNode;
  /** Told each past view once loaded, so the screen's heading can name the record as it was then. */
  onLoaded?: (view: Views[E]) => void;
}

const load = <E extends keyof Views>(entity: E, id: string, at: string): Promise<Views[E]> =>
  (entity === 'job' ? call('asOf.job', { id, at }) : call('asOf.site', { id, at })) as Promise<Views[E]>;

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function AsOfFrame<E extends keyof Views>({ entity, id, at, onBack, onRestored, children, onLoaded }: AsOfFrameProps<E>) {
  const [view, setView] = useState<Views[E] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // The latest callback, without reloading the view when the parent re-renders.
  const loaded = useRef(onLoaded);
  useEffect(() => {
    loaded.current = onLoaded;
  });

  useEffect(() => {
    let active = true;
    load(entity, id, at).then(
      (v) => {
        if (!active) return;
        setView(v);
        setError(null);
        loaded.current?.(v);
      },
      (e: unknown) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [entity, id, at]);

  const restore = async () => {
    setBusy(true);
    try {
      await call('asOf.restore', { entity, id, at });
      setConfirming(false);
      useToast.getState().show(`${capitalized(entity)} restored to ${formatDateTime(at)}.`);
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
  if (!view) return <p className="empty">Loading the {entity} as it was…</p>;
  return (
    <section className="as-of-view" aria-label={`${capitalized(entity)} as it was`}>
      <AsOfBanner
        what={entity}
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
      {view.existed ? (
        children(view)
      ) : (
        <p className="empty">
          This {entity} did not exist yet at that moment: it was created {formatDateTime(view.createdAt)}.
        </p>
      )}
      {confirming ? (
        <RestoreMomentDialog what={entity} at={view.at} differences={view.differences} busy={busy} onConfirm={() => void restore()} onCancel={() => setConfirming(false)} />
      ) : null}
    </section>
  );
}
