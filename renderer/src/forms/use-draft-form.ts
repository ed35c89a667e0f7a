/**
 * The one home of Fieldbook's forms: field text as typed, checked against the
 * contract's own schemas (so a limit is written once, in shared/contract) with
 * the same plain words main uses, a counter near each limit, and the unsaved
 * text kept as a draft on this laptop until it is saved or discarded.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
}

export interface Counter {
  text: string;
  over: boolean;
}

export interface DraftForm<F extends string> {
  values: Record<F, string>;
  set(field: F, text: string): void;
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
  /** For Esc: the form's element. */
  formRef: React.RefObject<HTMLFormElement | null>;
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
  const { draftKey, fields: specs, feature } = options;
  const names = useMemo(() => Object.keys(specs) as F[], [specs]);
  const baseline = useRef<Record<F, string>>(options.initial);
  const [values, setValues] = useState<Record<F, string>>(() => pick(names, options.initial, draftKey ? cachedDraft(draftKey)?.value : undefined));
  const [restoredAt, setRestoredAt] = useState<string | null>(() => (draftKey ? (cachedDraft(draftKey)?.savedAt ?? null) : null));
  const [errors, setErrors] = useState<Partial<Record<F, string | null>>>({});
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const formRef = useRef<HTMLFormElement | null>(null);
  const onDiscarded = useRef(options.onDiscarded);
  onDiscarded.current = options.onDiscarded;

  // A draft main kept from an earlier session: show it unless the worker already typed.
  useEffect(() => {
    if (!draftKey || cachedDraft(draftKey) !== undefined) return;
    let live = true;
    void fetchDraft(draftKey)
      .then((draft) => {
        if (!live || !draft || !same(names, valuesRef.current, baseline.current)) return;
        setValues(pick(names, baseline.current, draft.value));
        setRestoredAt(draft.savedAt);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [draftKey, names]);

  // Leaving the screen sends the last keystrokes at once instead of after the pause.
  useEffect(() => () => void (draftKey && flushDraft(draftKey)), [draftKey]);

  const label = useCallback((field: F) => specs[field].label ?? fieldLabel([field], feature), [specs, feature]);

  const check = useCallback(
    (field: F, text: string): string | null => {
      const spec = specs[field];
      if (!spec.schema || (spec.emptyOk && text.trim() === '')) return null;
      const parsed = spec.schema.safeParse(text);
      return parsed.success ? null : `${label(field)} ${plainPhrase(parsed.error.issues[0]!, text)}.`;
    },
    [specs, label],
  );

  const limit = useCallback((field: F) => (specs[field].schema ? maxLengthOf(specs[field].schema) : null), [specs]);

  const set = useCallback(
    (field: F, text: string) => {
      const next = { ...valuesRef.current, [field]: text };
      valuesRef.current = next;
      setValues(next);
      // Too long is said while typing; other problems wait for Save, so half-typed text is not scolded.
      const max = limit(field);
      setErrors((current) => {
        const tooLong = max !== null && text.length > max ? check(field, text) : null;
        if (tooLong) return { ...current, [field]: tooLong };
        return current[field] ? { ...current, [field]: null } : current;
      });
      if (!draftKey) return;
      if (same(names, next, baseline.current)) discardDraft(draftKey);
      else scheduleDraftSave(draftKey, next, setDraftProblem);
    },
    [check, limit, draftKey, names],
  );

  const validate = useCallback(() => {
    const next: Partial<Record<F, string | null>> = {};
    for (const field of names) next[field] = check(field, valuesRef.current[field]);
    setErrors(next);
    return names.every((field) => !next[field]);
  }, [check, names]);

  const dirty = !same(names, values, baseline.current);

  const discard = useCallback(() => {
    setValues(baseline.current);
    valuesRef.current = baseline.current;
    setErrors({});
    setRestoredAt(null);
    if (draftKey) discardDraft(draftKey);
  }, [draftKey]);

  useEffect(() => {
    if (!dirty) return;
    return markDirty({
      element: () => formRef.current,
      discard: () => {
        discard();
        onDiscarded.current?.();
      },
    });
  }, [dirty, discard]);

  return {
    values,
    set,
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
      const message = check(field, valuesRef.current[field]);
      setErrors((current) => ({ ...current, [field]: message }));
      return message === null;
    },
    savedFields: (saved) => {
      baseline.current = { ...baseline.current, ...saved };
      const next = { ...valuesRef.current, ...saved };
      valuesRef.current = next;
      setValues(next);
      if (!draftKey) return;
      if (same(names, next, baseline.current)) discardDraft(draftKey);
      else scheduleDraftSave(draftKey, next, setDraftProblem);
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
      const merged = { ...valuesRef.current, ...next };
      baseline.current = merged;
      valuesRef.current = merged;
      setValues(merged);
      setRestoredAt(null);
      if (draftKey) discardDraft(draftKey);
    },
    discard,
    formRef,
  };
}
