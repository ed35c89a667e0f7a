/**
 * The job's deleted photos (tombstones, with their thumbnails still in the
 * replica), each with Restore: how a photo deleted by anyone, on any laptop,
 * is found and brought back after the Undo has gone.
 */
import { useState } from 'react';
import type { Attachment } from '../../../../shared/domain/attachments';
import { call, errorText } from '../../api/client';
import { formatDateTime } from '../../format';
import { useNav } from '../../store/nav-store';
import { useToast } from '../../store/toast-store';

interface DeletedPhotosProps {
  jobTitle: string;
  photos: Attachment[];
  readOnly: boolean;
}

export function DeletedPhotos({ jobTitle, photos, readOnly }: DeletedPhotosProps) {
  const dataChanged = useNav((s) => s.dataChanged);
  const [error, setError] = useState<string | null>(null);
  if (photos.length === 0) return null;
  const nameOf = (photo: Attachment, index: number) => (photo.caption.trim() ? photo.caption : `Deleted photo ${index + 1} of ${jobTitle}`);

  const restore = async (photo: Attachment, name: string) => {
    try {
      await call('attachments.restore', { id: photo.id });
      setError(null);
      dataChanged();
      useToast.getState().show(`${name} restored.`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <details className="deleted-photos">
      <summary>Deleted photos ({photos.length})</summary>
      <ul className="thumbnails" aria-label={`Deleted photos of ${jobTitle}`}>
        {photos.map((photo, index) => {
          const name = nameOf(photo, index);
          return (
            <li key={photo.id}>
              {photo.thumbnail ? <img src={photo.thumbnail} alt={name} width={96} height={96} /> : <span className="thumbnail-missing">{name}</span>}
              <span className="hint">Deleted {formatDateTime(photo.deletedAt ?? photo.createdAt)}</span>
              {readOnly ? null : (
                <button type="button" className="secondary" aria-label={`Restore ${name}`} onClick={() => void restore(photo, name)}>
                  Restore
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </details>
  );
}
