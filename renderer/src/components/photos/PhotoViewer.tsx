/** The full photo, with next/previous across the job, caption editing and delete (restorable). */
import { useEffect, useState, type ReactNode } from 'react';
import type { Attachment } from '../../../../shared/domain/attachments';
import { call, errorText } from '../../api/client';
import { formatDateTime } from '../../format';
import { photoAlt } from './photo-files';
import { offerUndoPhotoDelete } from './undo-photo-delete';

interface PhotoViewerProps {
  photos: Attachment[];
  jobTitle: string;
  startId: string;
  readOnly: boolean;
  onClose: () => void;
  onChanged: () => void;
}

export function PhotoViewer({ photos, jobTitle, startId, readOnly, onClose, onChanged }: PhotoViewerProps) {
  const [index, setIndex] = useState(Math.max(0, photos.findIndex((p) => p.id === startId)));
  const photo = photos[index];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'ArrowRight') setIndex((i) => Math.min(photos.length - 1, i + 1));
      if (e.key === 'ArrowLeft') setIndex((i) => Math.max(0, i - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [photos.length, onClose]);

  if (!photo) return null;
  return (
    <div className="photo-viewer" role="dialog" aria-modal="true" aria-label={`Photo ${index + 1} of ${photos.length}`}>
      {/* Keyed by photo: the original, caption and problem start afresh for each photo. */}
      <ShownPhoto key={photo.id} photo={photo} alt={photoAlt(photo.caption, index + 1, jobTitle)} readOnly={readOnly} onChanged={onChanged} onClose={onClose}>
        <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          Previous photo
        </button>
        <button type="button" disabled={index >= photos.length - 1} onClick={() => setIndex(index + 1)}>
          Next photo
        </button>
      </ShownPhoto>
    </div>
  );
}

/** 5 decimals is about a metre: as precise as a phone's fix, no more. */
function formatPosition(latitude: number, longitude: number): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(5)}° ${value < 0 ? negative : positive}`;
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`;
}

interface ShownPhotoProps {
  photo: Attachment;
  alt: string;
  readOnly: boolean;
  onChanged: () => void;
  onClose: () => void;
  children: ReactNode;
}

function ShownPhoto({ photo, alt, readOnly, onChanged, onClose, children }: ShownPhotoProps) {
  const [original, setOriginal] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [caption, setCaption] = useState(photo.caption);

  useEffect(() => {
    let live = true;
    call('attachments.original', { id: photo.id }).then(
      (o) => live && setOriginal(o.dataUrl),
      (e: unknown) => live && setProblem(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [photo.id]);

  return (
    <div className="photo-viewer-body">
      <img src={original ?? photo.thumbnail ?? undefined} alt={alt} className={original ? 'original' : 'preview'} />
      {problem ? <p role="status">{problem}</p> : original ? null : <p role="status">Opening the original…</p>}
      <p className="photo-meta">
        {photo.createdBy}, {formatDateTime(photo.createdAt)} · {photo.width}×{photo.height}
      </p>
      <p className="photo-meta">
        {photo.takenAt ? `Taken ${formatDateTime(photo.takenAt)}` : 'Time taken not known'}
        {' · '}
        {photo.latitude !== null && photo.longitude !== null ? `Location ${formatPosition(photo.latitude, photo.longitude)}` : 'No location kept'}
      </p>
      {readOnly ? null : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void call('attachments.setCaption', { id: photo.id, caption }).then(onChanged, (err: unknown) => setProblem(errorText(err)));
          }}
        >
          <label htmlFor="photo-caption">Caption</label>
          <input id="photo-caption" value={caption} maxLength={500} onChange={(e) => setCaption(e.target.value)} />
          <button type="submit" className="secondary">
            Save caption
          </button>
        </form>
      )}
      <div className="actions">
        {children}
        {readOnly ? null : (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void call('attachments.delete', { id: photo.id }).then(
                () => {
                  onChanged();
                  onClose();
                  offerUndoPhotoDelete(photo.id, alt);
                },
                (err: unknown) => setProblem(errorText(err)),
              )
            }
          >
            Delete photo
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
