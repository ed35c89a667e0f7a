/**
 * The one home of Fieldbook's forms: field text as typed, checked against the
 * contract's own schemas (so a limit is written once, in shared/contract) with
 * the same plain words main uses, a counter near each limit, and the unsaved
 * text kept as a draft on this laptop until it is saved or discarded.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { DraftValue } from '../../../shared/contract/drafts';
import { maxLengthOf } from '../../../shared/contract/fields';
import { fieldLabel, plainPhrase } from '../../../shared/contract/plain-words';
import { ApiError } from '../api/client';
import { cachedDraft, discardDraft, fetchDraft, flushDraft, scheduleDraftSave } from './draft-cache';
import { markDirty } from './dirty-forms';

export interface FieldSpec {
  /** The contract's schema for this field, applied to the text as typed. */
  schema?: z.ZodType;
  /** Empty text means "none" (no due date, unassigned) and skips the schema. */
  emptyOk?: boolean;
  /** Overrides the label plain-words gives the field name. */
  label?: string;
}

export interface DraftFormOptions<F extends string> {
  /** Draft name such as `job:<id>`; null keeps no draft. */
  draftKey: string | null;
  /** The record's saved values, as form text. */
  initial: Record<F, string>;
  fields: Record<F, FieldSpec>;
  /** The contract feature, for labels ("sites" names `name` "The site name"). */
  feature?: string;
  /** Close the form after Esc → "Discard changes?" → OK. */
  onDiscarded?: () => void;
  /** The form element's id, so Esc knows which form holds the focus. */
  formId?: string;
}

export interface Counter {
  text: string;
  over: boolean;
}

export interface DraftForm<F extends string> {
  values: Record<F, string>;
  set(field: F, text: string): void;
  /** Several fields typed together (a picked person: name and id), in one update. */
  setFields(change: Partial<Record<F, string>>): void;
  error(field: F): string | null;
  setError(field: F, message: string | null): void;
  /** "182 / 200" once the text reaches 80 % of its limit. */
  counter(field: F): Counter | null;
  /** True when every field passes its schema; marks the failing ones (and clears other marks: a form sets its own checks after). */
  validate(): boolean;
  /** Shows main's refusal at the field it names; false when it names none of ours. */
  showServerError(error: unknown): boolean;
  dirty: boolean;
  /** When the shown text came from a draft: the draft's time. */
  restoredAt: string | null;
  /** Set when the draft could not be kept in main. */
  draftProblem: string | null;
  /** Checks one field and marks it; true when it passes. */
  validateField(field: F): boolean;
  /** After a successful save: the typed values are the record now; forget the draft. */
  saved(next?: Partial<Record<F, string>>): void;
  /** Some fields were saved on their own (a checklist comment on blur): the rest stays a draft. */
  savedFields(saved: Partial<Record<F, string>>): void;
  /** Back to the record's values; forget the draft. */
  discard(): void;
}

const COUNTER_FROM = 0.8;

function pick<F extends string>(fields: readonly F[], base: Record<F, string>, draft: DraftValue | undefined): Record<F, string> {
  const out = { ...base };
  if (!draft) return out;
  for (const field of fields) if (typeof draft[field] === 'string') out[field] = draft[field];
  return out;
}

const same = <F extends string>(fields: readonly F[], a: Record<F, string>, b: Record<F, string>) => fields.every((f) => a[f] === b[f]);

export function useDraftForm<F extends string>(options: DraftFormOptions<F>): DraftForm<F> {
  const { draftKey, fields: specs, feature, formId, onDiscarded } = options;
  const names = useMemo(() => Object.keys(specs) as F[], [specs]);
  const [baseline, setBaseline] = useState<Record<F, string>>(options.initial);
  const [state, setState] = useState<{ values: Record<F, string>; restoredAt: string | null }>(() => {
    const cached = draftKey ? cachedDraft(draftKey) : undefined;
    return { values: pick(names, options.initial, cached?.value), restoredAt: cached?.savedAt ?? null };
  });
  const [errors, setErrors] = useState<Partial<Record<F, string | null>>>({});
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const { values, restoredAt } = state;

  // A draft main kept from an earlier session: show it unless the worker already typed.
  useEffect(() => {
    if (!draftKey || cachedDraft(draftKey) !== undefined) return;
    let live = true;
    void fetchDraft(draftKey)
      .then((draft) => {
        if (!live || !draft) return;
        setState((current) => (same(names, current.values, baseline) ? { values: pick(names, baseline, draft.value), restoredAt: draft.savedAt } : current));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [draftKey, names, baseline]);

  // Leaving the screen sends the last keystrokes at once instead of after the pause.
  useEffect(() => () => void (draftKey && flushDraft(draftKey)), [draftKey]);

  const label = (field: F) => specs[field].label ?? fieldLabel([field], feature);
  const check = (field: F, text: string): string | null => {
    const spec = specs[field];
    if (!spec.schema || (spec.emptyOk && text.trim() === '')) return null;
    const parsed = spec.schema.safeParse(text);
    return parsed.success ? null : `${label(field)} ${plainPhrase(parsed.error.issues[0]!, text)}.`;
  };
  const limit = (field: F) => (specs[field].schema ? maxLengthOf(specs[field].schema) : null);

  const keepDraft = (next: Record<F, string>, base: Record<F, string>) => {
    if (!draftKey) return;
    if (same(names, next, base)) discardDraft(draftKey);
    else scheduleDraftSave(draftKey, next, setDraftProblem);
  };

  const setFields = (change: Partial<Record<F, string>>) => {
    const next = { ...values, ...change };
    setState({ values: next, restoredAt });
    // Too long is said while typing; other problems wait for Save, so half-typed text is not scolded.
    let nextErrors = errors;
    for (const field of Object.keys(change) as F[]) {
      const text = next[field];
      const max = limit(field);
      const tooLong = max !== null && text.length > max ? check(field, text) : null;
      if (tooLong || nextErrors[field]) nextErrors = { ...nextErrors, [field]: tooLong };
    }
    if (nextErrors !== errors) setErrors(nextErrors);
    keepDraft(next, baseline);
  };
  const set = (field: F, text: string) => setFields({ [field]: text } as Partial<Record<F, string>>);

  const validate = () => {
    const next: Partial<Record<F, string | null>> = {};
    for (const field of names) next[field] = check(field, values[field]);
    setErrors(next);
    return names.every((field) => !next[field]);
  };

  const dirty = !same(names, values, baseline);

  const discard = useCallback(() => {
    setState({ values: baseline, restoredAt: null });
    setErrors({});
    if (draftKey) discardDraft(draftKey);
  }, [baseline, draftKey]);

  useEffect(() => {
    if (!dirty) return;
    return markDirty({
      element: () => (formId ? document.getElementById(formId) : null),
      discard: () => {
        discard();
        onDiscarded?.();
      },
    });
  }, [dirty, discard, formId, onDiscarded]);

  return {
    values,
    set,
    setFields,
    error: (field) => errors[field] ?? null,
    setError: (field, message) => setErrors((current) => ({ ...current, [field]: message })),
    counter: (field) => {
      const max = limit(field);
      const length = values[field].length;
      if (max === null || length < max * COUNTER_FROM) return null;
      return { text: `${length} / ${max}`, over: length > max };
    },
    validate,
    validateField: (field) => {
      const message = check(field, values[field]);
      setErrors((current) => ({ ...current, [field]: message }));
      return message === null;
    },
    showServerError: (error) => {
      if (!(error instanceof ApiError) || !error.field) return false;
      const field = error.field.split('.')[0] as F;
      if (!names.includes(field)) return false;
      setErrors((current) => ({ ...current, [field]: error.message }));
      return true;
    },
    dirty,
    restoredAt,
    draftProblem,
    saved: (next) => {
      const merged = { ...values, ...next };
      setBaseline(merged);
      setState({ values: merged, restoredAt: null });
      if (draftKey) discardDraft(draftKey);
    },
    savedFields: (saved) => {
      const base = { ...baseline, ...saved };
      const next = { ...values, ...saved };
      setBaseline(base);
      setState({ values: next, restoredAt });
      keepDraft(next, base);
    },
    discard,
  };
}
