/** Words for the photo upload queue, for the status bar and the Sync screen. */
import type { UploadEntry } from '../../../../shared/domain/attachments.js';
import type { SyncStatus } from '../../../../shared/domain/sync.js';

export function photosWaitingText(status: SyncStatus | null): string | null {
  const count = status?.photosWaiting ?? 0;
  if (count === 0) return null;
  return count === 1 ? '1 photo waiting to upload' : `${count} photos waiting to upload`;
}

const STATE_WORDS: Record<UploadEntry['state'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading…',
  uploaded: 'Uploaded',
  failed: 'Not uploaded yet',
};

export function uploadStateText(entry: UploadEntry): string {
  return STATE_WORDS[entry.state];
}
