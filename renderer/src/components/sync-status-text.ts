/** Words and numbers for sync status, shared by the status bar, the Sync screen and Settings. */
// Imported by node-side tests too, hence the explicit .js extension.
import type { DownloadProgress, SyncStatus, UploadProgress } from '../../../shared/domain/sync.js';

const LABELS: Record<SyncStatus['state'], string> = {
  not_configured: 'Not configured',
  offline: 'Offline',
  connecting: 'Connecting…',
  pushing: 'Sending changes…',
  pulling: 'Receiving changes…',
  up_to_date: 'Up to date',
  error: 'Sync error',
};

export function syncLabel(status: SyncStatus | null): string {
  if (!status) return 'Starting…';
  if (status.state === 'up_to_date' && status.pendingChanges > 0) return `${status.pendingChanges} changes waiting`;
  return LABELS[status.state];
}

/**
 * The last sync error, while it is still the news: when sync is failing or
 * offline, or retrying after that. Never next to "Up to date", nor while a
 * cycle is sending or receiving (it got past the problem).
 */
export function problemText(status: SyncStatus | null): string | null {
  if (!status?.lastError) return null;
  return status.state === 'error' || status.state === 'offline' || status.state === 'connecting' ? status.lastError : null;
}

/** Why Repair is (not) offered; the button is enabled only when `needed`. */
export function repairAdvice(status: SyncStatus | null): { needed: boolean; text: string } {
  if (status?.needsRepair) {
    return {
      needed: true,
      text:
        "This laptop's copy of the workspace keeps failing to sync. Your edits are saved here. Repair rebuilds the copy " +
        'from the primary and re-applies every edit the primary does not have; the old files are kept.',
    };
  }
  return { needed: false, text: "Repair is not needed: it is offered here only when this laptop's copy keeps failing to sync." };
}

export function pendingText(count: number): string {
  if (count === 0) return 'Every change is on the primary';
  return count === 1 ? '1 change not yet on the primary' : `${count} changes not yet on the primary`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function downloadText(download: DownloadProgress | null): string | null {
  if (!download || download.receivedBytes === 0) return null;
  const total = download.totalBytes && download.totalBytes >= download.receivedBytes ? ` of ${formatBytes(download.totalBytes)}` : '';
  return `${formatBytes(download.receivedBytes)}${total} received`;
}

/** A large push in progress: "12,000 of 200,633 changes sent (18.2 MB)". */
export function uploadText(upload: UploadProgress | null): string | null {
  if (!upload) return null;
  const bytes = upload.sentBytes > 0 ? ` (${formatBytes(upload.sentBytes)})` : '';
  return `${upload.sentChanges.toLocaleString('en')} of ${upload.totalChanges.toLocaleString('en')} changes sent${bytes}`;
}

/**
 * What the empty job list offers. Sample data syncs to everyone on the team
 * database, so it is offered only with no primary, or once a first download
 * has shown that the primary holds nothing; main checks again when asked.
 */
export type EmptyListOffer =
  | { kind: 'downloading'; text: string }
  | { kind: 'waiting'; text: string }
  | { kind: 'sample'; shared: boolean };

export function emptyListOffer(status: SyncStatus | null): EmptyListOffer {
  if (!status) return { kind: 'waiting', text: 'Opening the workspace…' };
  if (status.state === 'not_configured') return { kind: 'sample', shared: false };
  if (status.lastPullAt !== null) return { kind: 'sample', shared: true };
  if (status.state === 'pulling') {
    const progress = downloadText(status.download);
    return { kind: 'downloading', text: `Downloading your team's jobs…${progress ? ` ${progress}.` : ''}` };
  }
  if (status.state === 'offline' || status.state === 'error') {
    return { kind: 'waiting', text: "Your team's jobs download here once the team database can be reached." };
  }
  return { kind: 'waiting', text: "Connecting to your team's database to download its jobs…" };
}

/** "never", "just now", "5 minutes ago", or the date for anything older than a day. */
export function whenText(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return 'unknown';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} seconds ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} minutes ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} hours ago`;
  return new Date(then).toLocaleString();
}

/** The laptop clock against the team's (the primary's): `offsetMs` is primary minus laptop. */
export function clockOffsetText(offsetMs: number | null): string {
  if (offsetMs === null) return 'Not measured yet (the primary has not been reached)';
  const abs = Math.abs(offsetMs);
  if (abs < 1000) return "Matches the team's clock";
  const amount = abs < 90_000 ? `${Math.round(abs / 1000)} s` : abs < 90 * 60_000 ? `${Math.round(abs / 60_000)} min` : `${(abs / 3_600_000).toFixed(1)} h`;
  return `${amount} ${offsetMs < 0 ? 'ahead of' : 'behind'} the team's clock; edit times are corrected`;
}

/** The status bar's clock line: only when the clock is off by more than a few minutes. */
export function clockWarningLine(status: SyncStatus | null): string | null {
  return status?.clockWarning ?? null;
}

export function retryText(iso: string | null, now: number = Date.now()): string | null {
  if (!iso) return null;
  const seconds = Math.max(0, Math.round((Date.parse(iso) - now) / 1000));
  return seconds <= 1 ? 'retrying now' : `next try in ${seconds} s`;
}
