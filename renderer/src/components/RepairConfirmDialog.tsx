import { useEffect, useRef } from 'react';

/** Asks before a repair, saying plainly what it does to this laptop's files. */
export function RepairConfirmDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="modal-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="repair-confirm-heading" aria-describedby="repair-confirm-text" className="modal">
        <h2 id="repair-confirm-heading">Repair this laptop's copy?</h2>
        <div id="repair-confirm-text">
          <p>Repair rebuilds this laptop's copy of the workspace from the primary. Sync pauses while it runs.</p>
          <ul>
            <li>The old files are not deleted: they are kept in a recovery folder next to the workspace.</li>
            <li>Edits made on this laptop that the primary does not have yet are sent to it again.</li>
          </ul>
        </div>
        <div className="actions">
          <button type="button" className="primary" ref={confirmRef} onClick={onConfirm}>
            Repair now
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
