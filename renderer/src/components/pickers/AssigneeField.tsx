/**
 * The assignee: pick one of the people the workspace knows (`people.list`:
 * workers from the change log, names already used), or type any name. A pick
 * carries the person's id, so "assigned to me" survives renames; a typed name
 * that is exactly a known person's name is linked to them too.
 */
import { useState } from 'react';
import type { Person } from '../../../../shared/domain/people';
import { call } from '../../api/client';
import { Combobox } from './Combobox';
import { useSearch } from './use-search';

export interface AssigneeValue {
  name: string;
  id: string | null;
}

const keyOf = (p: Person) => p.id ?? `name:${p.name}`;

interface AssigneeFieldProps {
  id: string;
  value: AssigneeValue;
  onChange: (value: AssigneeValue) => void;
  /** The form's note (error, character counter) for the name. */
  describedBy?: string;
  invalid?: boolean;
}

/** No maxLength: the form counts characters and says when the name is too long. */
export function AssigneeField({ id, value, onChange, describedBy, invalid }: AssigneeFieldProps) {
  const [focused, setFocused] = useState(false);
  const [typed, setTyped] = useState(false);
  const { results } = useSearch(typed ? value.name.trim() : '', focused, (search) => call('people.list', { search: search || undefined, limit: 20 }));
  return (
    <Combobox
      id={id}
      listLabel="People"
      text={value.name}
      placeholder="Unassigned"
      describedBy={describedBy}
      invalid={invalid}
      options={results.map((p) => ({ key: keyOf(p), label: p.name, detail: p.me ? 'you' : p.id ? undefined : 'typed name' }))}
      onFocusChange={(f) => {
        setFocused(f);
        if (f) setTyped(false);
      }}
      onTextChange={(name) => {
        setTyped(true);
        const exact = results.find((p) => p.id !== null && p.name === name.trim());
        onChange({ name, id: exact?.id ?? null });
      }}
      onPick={(option) => {
        const person = results.find((p) => keyOf(p) === option.key);
        if (person) onChange({ name: person.name, id: person.id });
        setTyped(false);
      }}
    />
  );
}
