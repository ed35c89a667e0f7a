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
  const [loaded, setLoaded] = useState<{ id: string; name: string } | null>(null);
  /** What the worker typed since the last pick; null shows the chosen site's name. */
  const [draft, setDraft] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);

  // The chosen site's name, from main (it may be any of thousands, so it is looked up, not found in a list).
  useEffect(() => {
    if (!siteId) return;
    let current = true;
    call('sites.get', { id: siteId }).then(
      (site) => current && setLoaded({ id: site.id, name: site.name }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [siteId]);
  const name = siteId && loaded?.id === siteId ? loaded.name : null;
  const text = draft ?? name ?? '';
  const typed = draft !== null;

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
      listLabel="Sites"
      text={text}
      options={options}
      placeholder={noneLabel}
      loading={loading}
      emptyText="No site matches"
      describedBy={describedBy}
      maxLength={200}
      footer={results.length === SHOWN ? 'Type more of the name to narrow the list' : undefined}
      onFocusChange={setFocused}
      onTextChange={setDraft}
      onPick={(option) => {
        const next = option.key === NONE_KEY ? null : option.key;
        if (next) setLoaded({ id: next, name: option.label });
        setDraft(null);
        if (next !== siteId) onChange(next);
      }}
      onCommit={() => {
        // Text that was not picked never changes the choice: an emptied field clears it, anything else reverts.
        if (draft !== null && draft.trim() === '' && siteId !== null) onChange(null);
        setDraft(null);
      }}
    />
  );
}
