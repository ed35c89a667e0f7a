/**
 * The renderer's side of drafts: a cache of what main keeps (so a screen opened
 * again shows its draft at once) and debounced saves to main, flushed when a
 * form goes away or the page is hidden. Main is the durable copy.
 */
import type { Draft, DraftValue } from '../../../shared/contract/drafts';
import { call, errorText } from '../api/client';

export const DRAFT_SAVE_DELAY_MS = 300;

/** undefined: not asked yet; null: main has none. */
const cache = new Map<string, Draft | null>();
const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; value: DraftValue; onError: (message: string | null) => void }>();

export function cachedDraft(key: string): Draft | null | undefined {
  return cache.get(key);
}

export async function fetchDraft(key: string): Promise<Draft | null> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const draft = await call('drafts.get', { key });
  // A save typed meanwhile is newer than what main answered.
  if (!cache.has(key)) cache.set(key, draft);
  return cache.get(key) ?? null;
}

function send(key: string, value: DraftValue, onError: (message: string | null) => void): void {
  call('drafts.save', { key, value })
    .then(() => onError(null))
    .catch((error: unknown) => onError(`Your unsaved text is not kept on this laptop: ${errorText(error)}`));
}

/** Keep `value` as the draft of `key`: at once in the cache, in main after a pause in typing. */
export function scheduleDraftSave(key: string, value: DraftValue, onError: (message: string | null) => void): void {
  cache.set(key, { value, savedAt: new Date().toISOString() });
  const previous = pending.get(key);
  if (previous) clearTimeout(previous.timer);
  const timer = setTimeout(() => {
    pending.delete(key);
    send(key, value, onError);
  }, DRAFT_SAVE_DELAY_MS);
  pending.set(key, { timer, value, onError });
}

/** Send a waiting save now (the form is closing or the worker is leaving the screen). */
export function flushDraft(key: string): void {
  const waiting = pending.get(key);
  if (!waiting) return;
  clearTimeout(waiting.timer);
  pending.delete(key);
  send(key, waiting.value, waiting.onError);
}

export function flushAllDrafts(): void {
  for (const key of [...pending.keys()]) flushDraft(key);
}

/** The record was saved or the worker threw the changes away. */
export function discardDraft(key: string): void {
  const waiting = pending.get(key);
  if (waiting) clearTimeout(waiting.timer);
  pending.delete(key);
  const had = cache.get(key);
  cache.set(key, null);
  if (had !== null) void call('drafts.discard', { key }).catch(() => undefined);
}

/** Whether a form has unsaved text waiting, e.g. to open an edit form again on its own. */
export async function hasDraft(key: string): Promise<boolean> {
  try {
    return (await fetchDraft(key)) !== null;
  } catch {
    return false;
  }
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flushAllDrafts);

/**
 * Another workspace opened: its drafts are its own (main keeps them per
 * workspace), so nothing cached or waiting here may reach it. Callers that
 * switch flush first (flushAllDrafts), so the left workspace keeps them.
 */
export function forgetDrafts(): void {
  for (const waiting of pending.values()) clearTimeout(waiting.timer);
  pending.clear();
  cache.clear();
}
