/**
 * Picks one site out of any number: the worker types part of a name or
 * address and main answers with the first matches (`sites.list {search, limit}`).
 * The first option clears the choice ("All sites" in a filter, "No site" in a form).
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { Combobox, type ComboOption } from './Combobox';
import { useSearch } from './use-search';

const SHOWN = 20;
const NONE_KEY = '';

interface SiteComboboxProps {
  id: string;
  siteId: string | null;
  onChange: (siteId: string | null) => void;
  /** The option that means "no site chosen". */
  noneLabel: string;
  describedBy?: string;
}

export function SiteCombobox({ id, siteId, onChange, noneLabel, describedBy }: SiteComboboxProps) {
  const [name, setName] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [focused, setFocused] = useState(false);
  const [typed, setTyped] = useState(false);

  // The chosen site's name, from main (it may be any of thousands, so it is looked up, not found in a list).
  useEffect(() => {
    let current = true;
    if (!siteId) {
      setName(null);
      setText('');
      return;
    }
    call('sites.get', { id: siteId }).then(
      (site) => {
        if (!current) return;
        setName(site.name);
        setText(site.name);
      },
      () => current && setName(null),
    );
    return () => {
      current = false;
    };
  }, [siteId]);

  // Until the worker types, the popup offers every site from the top, not only the chosen one.
  const term = typed ? text.trim() : '';
  const { results, loading } = useSearch(term, focused, (search) =>
    call('sites.list', { search: search || undefined, limit: SHOWN }).then((page) => page.items),
  );
  const options: ComboOption[] = [
    { key: NONE_KEY, label: noneLabel },
    ...results.map((site) => ({ key: site.id, label: site.name, detail: site.address })),
  ];

  return (
    <Combobox
      id={id}
      text={text}
      options={options}
      placeholder={noneLabel}
      loading={loading}
      emptyText="No site matches"
      describedBy={describedBy}
      maxLength={200}
      footer={results.length === SHOWN ? 'Type more of the name to narrow the list' : undefined}
      onFocusChange={(f) => {
        setFocused(f);
        if (f) setTyped(false);
      }}
      onTextChange={(value) => {
        setText(value);
        setTyped(true);
      }}
      onPick={(option) => {
        const next = option.key === NONE_KEY ? null : option.key;
        setText(next ? option.label : '');
        setTyped(false);
        if (next !== siteId) onChange(next);
        else if (next) setName(option.label);
      }}
      onCommit={() => {
        // Text that was not picked never changes the choice: an emptied field clears it, anything else reverts.
        if (text.trim() === '') {
          if (siteId !== null) onChange(null);
          setText('');
        } else setText(name ?? '');
        setTyped(false);
      }}
    />
  );
}
