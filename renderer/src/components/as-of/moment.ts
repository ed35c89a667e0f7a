// Imported by node-side tests too, hence the explicit .js extension.
/** Moments between the datetime input (local wall time) and main (ISO instants), and a history entry's edit time. */
import { decodeHlc } from '../../../../shared/hlc.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01T09:30:05" in this laptop's time zone, for a datetime-local input. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The instant a datetime-local value means here; null when it is not a full date and time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A history entry's edit time: the wall time of its clock stamp, the time "as it was at" counts by. */
export function editTimeOf(hlc: string): string {
  return new Date(decodeHlc(hlc).wallMs).toISOString();
}
