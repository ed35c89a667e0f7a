/** Deleting offers Undo: the toast restores the tombstone through `trash.restore` (an edit that syncs). */
import type { TrashEntity } from '../../../shared/domain/trash';
import { call } from '../api/client';
import { useNav } from '../store/nav-store';
import { useToast } from '../store/toast-store';

const WORD: Record<TrashEntity, string> = { job: 'Job', site: 'Site' };

export function offerUndoDelete(entity: TrashEntity, id: string, name: string): void {
  useToast.getState().show(`${WORD[entity]} “${name}” deleted.`, {
    label: 'Undo',
    undo: true,
    run: async () => {
      await call('trash.restore', { entity, id });
      useNav.getState().dataChanged();
      useToast.getState().show(`${WORD[entity]} “${name}” restored.`);
    },
  });
}
