/**
 * Main refused to store a secret (the sync token, the photo storage secret)
 * without real encryption: the question both settings forms ask, inline.
 */
export function PlainTextQuestion({
  id,
  question,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="insecure-storage" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="sync-actions">
        <button type="button" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
