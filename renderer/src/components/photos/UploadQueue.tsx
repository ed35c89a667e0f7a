/** The Sync screen's view of this laptop's photo upload queue. */
import { useEffect, useState } from 'react';
import type { UploadEntry } from '../../../../shared/domain/attachments';
import { call } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { formatBytes, retryText } from '../sync-status-text';
import { photosWaitingText, uploadStateText } from './photo-status-text';
import './photos.css';

export function UploadQueue() {
  const sync = useAppStore((s) => s.sync);
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  // The status changes with every queue step, so it is the cue to read the queue again.
  useEffect(() => {
    void call('attachments.uploads', {}).then(setEntries, () => undefined);
  }, [sync]);

  return (
    <section aria-labelledby="uploads-heading" className="upload-queue">
      <h3 id="uploads-heading">Photos</h3>
      <p>{photosWaitingText(sync) ?? 'Every photo taken here is in the photo store.'}</p>
      {entries.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Photo</th>
              <th scope="col">Size</th>
              <th scope="col">State</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.sha256}>
                <td>
                  <code>{e.sha256.slice(0, 12)}</code>
                </td>
                <td>{formatBytes(e.byteSize)}</td>
                <td>{uploadStateText(e)}</td>
                <td>
                  {e.lastError ?? ''}
                  {e.state !== 'uploaded' && e.nextAttemptAt ? ` (${retryText(e.nextAttemptAt) ?? ''})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
