import { ConfirmDialog } from './ConfirmDialog';

/** Asks before a repair, saying plainly what it does to this laptop's files. */
export function RepairConfirmDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog title="Repair this laptop's copy?" confirmLabel="Repair now" onConfirm={onConfirm} onCancel={onCancel}>
      <p>Repair rebuilds this laptop's copy of the workspace from the primary. Sync pauses while it runs.</p>
      <ul>
        <li>The old files are not deleted: they are kept in a recovery folder next to the workspace.</li>
        <li>Edits made on this laptop that the primary does not have yet are sent to it again.</li>
      </ul>
    </ConfirmDialog>
  );
}
