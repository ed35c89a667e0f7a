/** "What a restore would set back" in words: "Title, status", "Checklist item “Flue”: answer". */
import type { AsOfDifference } from '../../../../shared/domain/as-of.js';
import { fieldLabel } from '../history/history-text.js';

const HIDDEN = new Set(['assigneeId', 'signedOffBy']);

function fields(d: AsOfDifference): string {
  const names = d.fields.filter((f) => !HIDDEN.has(f)).map((f) => (f === 'deletedAt' ? 'deleted or not' : fieldLabel(f).toLowerCase()));
  return names.length > 0 ? names.join(', ') : 'assignee';
}

export function differenceText(d: AsOfDifference): string {
  const text = fields(d);
  if (d.entity === 'inspection') return `Checklist “${d.label ?? ''}”: ${d.fields.includes('deletedAt') ? 'removed or brought back' : text}`;
  if (d.entity === 'inspection_item') return `Checklist item “${d.label ?? ''}”: ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
