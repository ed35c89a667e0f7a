import { describe, expect, it } from 'vitest';
import { emptyListOffer, uploadText } from '../../renderer/src/components/sync-status-text.js';
import { syncStatus } from '../helpers/sync-status.js';

describe('the empty job list', () => {
  it('shows the first download and its progress instead of offering sample data', () => {
    const offer = emptyListOffer(syncStatus({ state: 'pulling', lastPullAt: null, download: { receivedBytes: 3 * 1024 * 1024, totalBytes: 174 * 1024 * 1024 } }));
    expect(offer).toEqual({ kind: 'downloading', text: "Downloading your team's jobs… 3.0 MB of 174.0 MB received." });
  });

  it('offers nothing while a configured primary has not been pulled from yet', () => {
    expect(emptyListOffer(syncStatus({ state: 'connecting', lastPullAt: null })).kind).toBe('waiting');
    expect(emptyListOffer(syncStatus({ state: 'offline', lastPullAt: null })).kind).toBe('waiting');
    expect(emptyListOffer(null).kind).toBe('waiting');
  });

  it('offers sample data with no primary, or after a first pull brought nothing, saying when it is shared', () => {
    expect(emptyListOffer(syncStatus({ state: 'not_configured' }))).toEqual({ kind: 'sample', shared: false });
    expect(emptyListOffer(syncStatus({ state: 'up_to_date', lastPullAt: '2026-12-01T10:00:00.000Z' }))).toEqual({ kind: 'sample', shared: true });
  });

  it('words a large upload by changes and bytes sent', () => {
    expect(uploadText({ sentChanges: 12_000, totalChanges: 200_633, sentBytes: 18 * 1024 * 1024 })).toBe('12,000 of 200,633 changes sent (18.0 MB)');
    expect(uploadText(null)).toBeNull();
  });
});
