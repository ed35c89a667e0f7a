/**
 * Renders the current toast. The live region is always in the page so screen
 * readers announce each new message; the timer stops while the pointer or the
 * keyboard focus is on the toast, so an Undo can always be reached in time.
 */
import { useEffect, useRef, useState } from 'react';
import { TOAST_MS, useToast, type Toast } from '../store/toast-store';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function ToastHost() {
  const toast = useToast((s) => s.toast);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? <ToastBox key={toast.id} toast={toast} /> : null}
    </div>
  );
}

function ToastBox({ toast }: { toast: Toast }) {
  const dismiss = useToast((s) => s.dismiss);
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);

  const run = async () => {
    if (!toast.action || busy) return;
    setBusy(true);
    try {
      await toast.action.run();
      dismiss(toast.id);
    } catch (error) {
      setFailed((error as Error).message);
      setBusy(false);
    }
  };

  // Ctrl+Z undoes while an Undo is offered, unless the worker is typing (the field's own undo wins).
  useEffect(() => {
    if (!toast.action?.undo) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z' && !isTyping(event.target)) {
        event.preventDefault();
        void run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
        <div
          ref={box}
          className="toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={(e) => {
            if (!box.current?.contains(e.relatedTarget as Node | null)) setHeld(false);
          }}
        >
          <span>{failed ? `Could not undo: ${failed}` : toast.message}</span>
          {toast.action ? (
            <button type="button" className="toast-action" disabled={busy} aria-keyshortcuts={toast.action.undo ? 'Control+Z' : undefined} onClick={() => void run()}>
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="toast-close" aria-label="Dismiss message" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
  );
}
