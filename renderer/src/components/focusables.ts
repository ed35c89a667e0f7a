/** The elements inside `root` that Tab can reach, in document order (tabindex > 0 is not used in this app). */
const SELECTOR = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(SELECTOR)].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.hidden && el.getAttribute('tabindex') !== '-1' && el.getClientRects().length > 0,
  );
}
