/** Runs a search against main as the worker types: debounced, newest answer wins. */
import { useEffect, useState } from 'react';

export function useSearch<T>(term: string, active: boolean, search: (term: string) => Promise<T[]>, delayMs = 120): { results: T[]; loading: boolean } {
  const [results, setResults] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!active) return;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      search(term).then(
        (found) => {
          if (!current) return;
          setResults(found);
          setLoading(false);
        },
        () => current && setLoading(false),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `search` is a stable call into main; the term and whether the field is in use drive it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [term, active, delayMs]);
  return { results, loading };
}
