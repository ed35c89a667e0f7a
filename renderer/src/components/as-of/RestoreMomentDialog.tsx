/** Asks before "Restore to this moment", listing what it sets back. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AsOfDifference } from '../../../../shared/domain/as-of';
import { formatDateTime } from '../../format';
import { differenceText } from './differences-text';

interface RestoreMomentDialogProps {
  what: string;
  at: string;
  differences: AsOfDifference[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RestoreMomentDialog({ what, at, differences, busy, onConfirm, onCancel }: RestoreMomentDialogProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  // Handled here, not on window: Esc must close the dialog only, not also leave the screen (use-shortcuts).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onCancel();
  };
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div role="alertdialog" aria-modal="true" aria-labelledby="restore-moment-heading" aria-describedby="restore-moment-text" className="modal">
        <h2 id="restore-moment-heading">Restore this {what} to {formatDateTime(at)}?</h2>
        <div id="restore-moment-text">
          <p>This sets back, as one new edit that syncs to everyone:</p>
          <ul>
            {differences.map((d) => (
              <li key={`${d.entity}:${d.entityId}`}>{differenceText(d)}</li>
            ))}
          </ul>
          <p>Nothing is lost: history keeps every value, and the timeline keeps its entries.</p>
        </div>
        <div className="actions">
          <button type="button" className="primary" ref={confirmRef} disabled={busy} onClick={onConfirm}>
            Restore
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
