/** App-wide keys: N new job, / or Ctrl+K search, Esc back to the list (asking first over a changed form). Ctrl+S is handled by each form. */
import { useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { DISCARD_QUESTION, dirtyFormFor } from '../forms/dirty-forms';
import { useNav } from '../store/nav-store';

export const SEARCH_INPUT_ID = 'job-search';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function focusSearch(): void {
  const navigate = useNav.getState().navigate;
  if (useNav.getState().view.screen !== 'jobs') navigate({ screen: 'jobs' });
  // The list may mount on this tick; focus once it is there.
  requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
}

export function useShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const { navigate } = useNav.getState();
      const mod = event.ctrlKey || event.metaKey;
      // Esc never throws typed text away silently: with a changed form open, it asks first.
      if (event.key === 'Escape' && !mod && !event.altKey && !event.defaultPrevented) {
        const form = dirtyFormFor(event.target);
        if (form) {
          event.preventDefault();
          if (window.confirm(DISCARD_QUESTION)) form.discard();
          return;
        }
      }
      if (mod && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        focusSearch();
      } else if (!mod && !event.altKey && !isTyping(event.target)) {
        if (event.key === 'n' || event.key === 'N') {
          event.preventDefault();
          navigate({ screen: 'newJob' });
        } else if (event.key === '/') {
          event.preventDefault();
          focusSearch();
        } else if (event.key === 'Escape') {
          const { view } = useNav.getState();
          if (view.screen === 'job' || view.screen === 'newJob') navigate({ screen: 'jobs' });
          else if (view.screen === 'site') navigate({ screen: 'sites' });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Ctrl+S (Cmd+S) submits the form the focus is in. */
export function saveShortcut(event: ReactKeyboardEvent<HTMLFormElement>): void {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
