/** The mark every as-of view carries: read-only, which moment, and the way to restore it. */
import type { AsOfDifference } from '../../../../shared/domain/as-of';
import { formatDateTime } from '../../format';

interface AsOfBannerProps {
  what: string;
  at: string;
  existed: boolean;
  editsSince: number;
  differences: AsOfDifference[];
  onRestore: () => void;
  onBack: () => void;
}

export function AsOfBanner({ what, at, existed, editsSince, differences, onRestore, onBack }: AsOfBannerProps) {
  return (
    <div className="as-of-banner" role="note" aria-label={`Read-only: the ${what} as it was`}>
      <p>
        <strong>Read-only:</strong> as it was at <time dateTime={at}>{formatDateTime(at)}</time>.{' '}
        {existed ? `${editsSince === 0 ? 'No edits' : editsSince === 1 ? '1 edit' : `${editsSince} edits`} since then.` : null}
      </p>
      <div className="actions">
        {existed ? (
          <button type="button" className="primary" disabled={differences.length === 0} onClick={onRestore}>
            Restore to this moment
          </button>
        ) : null}
        <button type="button" onClick={onBack}>
          Back to now
        </button>
        {existed && differences.length === 0 ? <span className="hint">Nothing differs from now.</span> : null}
      </div>
    </div>
  );
}
