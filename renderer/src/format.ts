/** Display formatting shared by the screens. */

export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** 'overdue' | 'today' | null, for due-date emphasis in lists. */
export function dueState(dueDate: string | null, done: boolean): 'overdue' | 'today' | null {
  if (!dueDate || done) return null;
  const today = todayIso();
  if (dueDate < today) return 'overdue';
  return dueDate === today ? 'today' : null;
}
