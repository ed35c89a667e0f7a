/** Deleting a photo offers Undo, like deleting a job: the toast restores the tombstone (an edit that syncs). */
import { call } from '../../api/client';
import { useNav } from '../../store/nav-store';
import { useToast } from '../../store/toast-store';

/** `name` is what the worker sees the photo as: its caption, or "Photo 2 of Pump room". */
export function offerUndoPhotoDelete(id: string, name: string): void {
  useToast.getState().show(`${name} deleted.`, {
    label: 'Undo',
    undo: true,
    run: async () => {
      await call('attachments.restore', { id });
      useNav.getState().dataChanged();
      useToast.getState().show(`${name} restored.`);
    },
  });
}
