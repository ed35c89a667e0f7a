/**
 * Forms with unsaved changes, so Esc can ask "Discard changes?" instead of
 * leaving the screen. The form holding the focus wins; otherwise the one
 * changed last.
 */
export interface DirtyForm {
  /** The form element, to tell which form the focus is in. */
  element: () => HTMLElement | null;
  /** Throw the changes away and close the form, as its Cancel would. */
  discard: () => void;
}

const dirty: DirtyForm[] = [];

export function markDirty(form: DirtyForm): () => void {
  const index = dirty.indexOf(form);
  if (index >= 0) dirty.splice(index, 1);
  dirty.push(form);
  return () => {
    const at = dirty.indexOf(form);
    if (at >= 0) dirty.splice(at, 1);
  };
}

export function dirtyFormFor(target: EventTarget | null): DirtyForm | null {
  const node = target instanceof Node ? target : null;
  const focused = node ? dirty.find((form) => form.element()?.contains(node)) : undefined;
  if (focused) return focused;
  // Esc in another, unchanged form or field is about that one, not about a draft elsewhere.
  const element = node instanceof Element ? node : null;
  if (element?.closest('form, input, textarea, select, [contenteditable="true"]')) return null;
  return dirty[dirty.length - 1] ?? null;
}

export const DISCARD_QUESTION = 'Discard changes?';

/** Ask before throwing typed text away; true when the worker agreed (or nothing was typed). */
export function confirmDiscard(isDirty: boolean): boolean {
  return !isDirty || window.confirm(DISCARD_QUESTION);
}
