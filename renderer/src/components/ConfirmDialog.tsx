/**
 * The one modal confirm dialog: an alertdialog labelled by its title and
 * described by its text. The confirm button has focus when it opens (Enter
 * confirms), Esc cancels, Tab and Shift+Tab stay inside while it is open, and
 * focus goes back to what opened it when it closes.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusables } from './focusables';

interface ConfirmDialogProps {
  title: ReactNode;
  /** What confirming does, in plain words: read out as the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** The confirm button is disabled while the action runs. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    confirmRef.current?.focus();
    // Focus that leaves by other means (a click on the backdrop, a script) comes back inside.
    const keepInside = (e: FocusEvent) => {
      const dialog = dialogRef.current;
      if (dialog && e.target instanceof Node && !dialog.contains(e.target)) (focusables(dialog)[0] ?? dialog).focus();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      // The opener may be gone (the action replaced the screen): then focus stays where the app puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Handled here, not on window: Esc must close the dialog only, not also leave the screen (use-shortcuts).
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
      return;
    }
    if (e.key !== 'Tab' || !dialogRef.current) return;
    const inside = focusables(dialogRef.current);
    const first = inside[0];
    const last = inside[inside.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    const leaving = e.shiftKey ? active === first || !dialogRef.current.contains(active) : active === last;
    if (!leaving) return;
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  };

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div
        ref={dialogRef}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        className="modal"
        tabIndex={-1}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-text`}>{children}</div>
        <div className="actions">
          <button type="button" className="primary" ref={confirmRef} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
