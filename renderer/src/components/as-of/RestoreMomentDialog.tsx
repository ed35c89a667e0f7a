/** Asks before "Restore to this moment", listing what it sets back. */
import type { AsOfDifference } from '../../../../shared/domain/as-of';
import { formatDateTime } from '../../format';
import { ConfirmDialog } from '../ConfirmDialog';
import { differenceText } from './differences-text';

interface RestoreMomentDialogProps {
  what: string;
  at: string;
  differences: AsOfDifference[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RestoreMomentDialog({ what, at, differences, busy, onConfirm, onCancel }: RestoreMomentDialogProps) {
  return (
    <ConfirmDialog title={`Restore this ${what} to ${formatDateTime(at)}?`} confirmLabel="Restore" busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>This sets back, as one new edit that syncs to everyone:</p>
      <ul>
        {differences.map((d) => (
          <li key={`${d.entity}:${d.entityId}`}>{differenceText(d)}</li>
        ))}
      </ul>
      <p>Nothing is lost: history keeps every value, and the timeline keeps its entries.</p>
    </ConfirmDialog>
  );
}
