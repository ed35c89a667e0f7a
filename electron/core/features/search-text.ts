/**
 * The matching rules of every search in the app (jobs and sites), in one place.
 *
 * - Case is folded in every script: "ZÄHLER" finds "Zähler", "ørsted" finds
 *   "Ørsted", "STRASSE" finds "Straße", "ΟΔΟΣ" finds "οδός"'s case partner.
 * - Composed and decomposed forms match (both sides are NFC-normalised).
 * - Accents are NOT folded: "Cafe" does not find "Café", "Orsted" does not find
 *   "Ørsted". In the languages field teams write (Danish ø, German ä, Turkish ı)
 *   those are different letters, and folding them would flood results.
 * - The term is split into words at whitespace (and control characters); a job
 *   matches when every word occurs somewhere in it, in any order, each word in
 *   any one of the searched fields (e.g. "pump harbour" finds a pump job at a site
 *   named Harbour). Extra spaces therefore change nothing.
 * - A word matches anywhere inside a field, not only at a word start, so typing
 *   "vib" already finds "vibration".
 */

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Case-folded, NFC form of `text`. Lower-upper-lower approximates Unicode full
 * case folding without a table: "ß" and "ẞ" both become "ss", "ﬁ" becomes "fi".
 * Final sigma is made plain σ, because toLowerCase picks ς by context and a
 * substring must fold the same wherever it sits.
 */
export function foldForSearch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFC');
}

/** Folded, distinct words of a search term; empty when there is nothing to search for. */
export function searchWords(term: string): string[] {
  const words = foldForSearch(term)
    .split(/[\s\p{Cc}]+/u)
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}

/**
 * Fields joined for matching. The separator is a control character, which no
 * search word contains (searchWords splits at them), so a word never matches
 * across two fields.
 */
export const FIELD_SEPARATOR = '\u0000';

export function searchHaystack(fields: readonly (string | null)[]): string {
  return foldForSearch(fields.map((field) => field ?? '').join(FIELD_SEPARATOR));
}

/** Whether every word occurs in the haystack (searchHaystack's output). */
export function matchesWords(haystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!haystack.includes(word)) return false;
  return true;
}
