/**
 * The photos of one job, checklist item or note: thumbnails from the replica
 * (so they show offline on every laptop), "Add photo" with a file picker, and
 * drop or paste onto the strip. Opening a thumbnail shows the original.
 */
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Attachment, AttachmentOwnerType } from '../../../../shared/domain/attachments';
import { call, errorText } from '../../api/client';
import { fileToBase64, filesFrom, photoAlt, takenAtOf } from './photo-files';
import { CameraCapture } from './CameraCapture';
import { KeepLocation } from './KeepLocation';
import { PhotoViewer } from './PhotoViewer';
import './photos.css';

interface PhotoStripProps {
  jobTitle: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  /** All photos of the job, in order: numbering ("Photo 3 of …") and next/previous go across the job. */
  jobPhotos: Attachment[];
  readOnly: boolean;
  onChanged: () => void;
  /** Names the thumbnail list for screen readers ("Photos of item Exits clear"); not a group, so item groups keep unique names. */
  label: string;
  /**
   * The job's own strip has the one "Add photo" button and "Photo file" input of the page; an
   * item's or a note's says what it attaches to, so every name on the page stays unique.
   */
  part?: string;
}

export function PhotoStrip({ jobTitle, ownerType, ownerId, jobPhotos, readOnly, onChanged, label, part }: PhotoStripProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const mine = jobPhotos.filter((a) => a.ownerType === ownerType && a.ownerId === ownerId);
  const inputId = `photo-file-${ownerId}`;

  const add = async (files: Blob[]) => {
    if (readOnly || files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of files) {
        const takenAt = file instanceof File ? takenAtOf(file) : new Date().toISOString();
        await call('attachments.add', { ownerType, ownerId, data: await fileToBase64(file), takenAt });
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void add(filesFrom(event.dataTransfer.files));
  };
  const onPaste = (event: ClipboardEvent) => {
    const files = filesFrom(event.clipboardData.items);
    if (files.length === 0) return;
    event.preventDefault();
    void add(files);
  };

  return (
    <div
      className={`photo-strip${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (readOnly) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      onPaste={onPaste}
    >
      {mine.length > 0 ? (
        <ul className="thumbnails" aria-label={label}>
          {mine.map((photo) => {
            const index = jobPhotos.indexOf(photo) + 1;
            return (
              <li key={photo.id}>
                <button type="button" className="thumbnail" onClick={() => setOpen(photo.id)} title="Open photo">
                  {photo.thumbnail ? (
                    <img src={photo.thumbnail} alt={photoAlt(photo.caption, index, jobTitle)} width={96} height={96} />
                  ) : (
                    <span className="thumbnail-missing">{photoAlt(photo.caption, index, jobTitle)}</span>
                  )}
                </button>
                {photo.upload && photo.upload !== 'uploaded' ? <span className="upload-badge">Waiting to upload</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {readOnly ? null : (
        <div className="photo-add">
          <button type="button" className="secondary" disabled={busy} onClick={() => input.current?.click()}>
            {busy ? 'Adding photo…' : part ? 'Attach photo' : 'Add photo'}
          </button>
          <input
            ref={input}
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,image/avif"
            multiple
            aria-label={part ? `Attach a picture to ${part}` : 'Photo file'}
            onChange={(e) => {
              const files = filesFrom(e.target.files);
              e.target.value = '';
              void add(files);
            }}
          />
          {part || !navigator.mediaDevices ? null : (
            <button type="button" className="secondary" disabled={busy} onClick={() => setCamera(true)}>
              Take photo
            </button>
          )}
          {part ? null : <span className="hint">or drop or paste photos here</span>}
          {part ? null : <KeepLocation />}
        </div>
      )}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {camera ? <CameraCapture onCapture={(jpeg) => add([jpeg])} onClose={() => setCamera(false)} /> : null}
      {open ? (
        <PhotoViewer photos={jobPhotos} jobTitle={jobTitle} startId={open} readOnly={readOnly} onClose={() => setOpen(null)} onChanged={onChanged} />
      ) : null}
    </div>
  );
}
