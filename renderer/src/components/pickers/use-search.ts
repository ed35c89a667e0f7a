/** Runs a search against main as the worker types: debounced, newest answer wins. */
import { useEffect, useState } from 'react';

export function useSearch<T>(term: string, active: boolean, search: (term: string) => Promise<T[]>, delayMs = 120): { results: T[]; loading: boolean } {
  const [answer, setAnswer] = useState<{ term: string | null; results: T[] }>({ term: null, results: [] });
  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = setTimeout(() => {
      search(term).then(
        (results) => current && setAnswer({ term, results }),
        () => current && setAnswer((a) => ({ term, results: a.results })),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `search` is a stable call into main; the term and whether the field is in use drive it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [term, active, delayMs]);
  return { results: answer.results, loading: active && answer.term !== term };
}
