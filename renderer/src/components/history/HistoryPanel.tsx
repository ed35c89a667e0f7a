import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../../shared/domain/history';
import { call, errorText, subscribe } from '../../api/client';
import { formatDateTime } from '../../format';
import { editTimeOf } from '../as-of/moment';
import { fieldLabel, valueText } from './history-text';
import '../sync-ui.css';

/** Bookkeeping stamps are shown for context but cannot be restored; a person id is shown with its assignee. */
const HIDDEN = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'assigneeId']);
const KIND_WORDS: Record<HistoryEntry['kind'], string> = { create: 'created', update: 'edited', delete: 'deleted', restore: 'restored' };

/**
 * Every edit of one record, newest first. Values a later edit overwrote are
 * marked and can be restored (as a new edit, so history only grows).
 */
interface HistoryPanelProps {
  entity: string;
  entityId: string;
  /** Shows the record as it was right after an entry's edit (its edit time); omitted: no such button. */
  onPickMoment?: (at: string) => void;
}

export function HistoryPanel({ entity, entityId, onPickMoment }: HistoryPanelProps) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    const load = () =>
      call('history.list', { entity, entityId }).then(
        (list) => {
          if (!active) return;
          setEntries(list);
          setError(null);
        },
        (e: unknown) => active && setError(errorText(e)),
      );
    void load();
    const unsubscribe = subscribe('data.changed', (change) => {
      if (change.entities.includes(entity)) void load();
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }, [entity, entityId]);

  const restore = async (changeId: string, field: string) => {
    try {
      setEntries(await call('history.restore', { changeId, field, entity, entityId }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="card history-panel" aria-label="History">
      <h3>History</h3>
      {error ? <p role="alert" className="form-error">{error}</p> : null}
      {entries === null ? <p className="empty">Loading history…</p> : null}
      {entries?.length === 0 ? <p className="empty">No edits recorded.</p> : null}
      {entries?.some((e) => e.source === 'summary') ? (
        <p className="empty" role="note">
          {entries.find((e) => e.archiveNote)?.archiveNote ??
            'Older edits were compacted so they no longer travel to every laptop. Only the values still in force are shown for them; connect to the network to read the full archived history.'}
        </p>
      ) : null}
      <ol>
        {entries?.map((entry) => (
          <li key={entry.changeId} className="history-entry">
            <header>
              {entry.source === 'summary' ? 'Older edits, summarized' : `${entry.actor} ${KIND_WORDS[entry.kind]}`} ·{' '}
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.source === 'archive' ? <span className="history-archived"> · from the archive</span> : null}
              {onPickMoment ? (
                <button
                  type="button"
                  className="link history-moment"
                  aria-label={`Show as it was then, after this edit by ${entry.actor}, ${formatDateTime(entry.at)}`}
                  onClick={() => onPickMoment(editTimeOf(entry.hlc))}
                >
                  Show as it was then
                </button>
              ) : null}
            </header>
            {entry.fields
              .filter((f) => !HIDDEN.has(f.field))
              .map((f) => (
                <div key={f.field} className="history-field">
                  <span className="field-name">{fieldLabel(f.field)}:</span>
                  <span className="value">{valueText(f)}</span>
                  {f.current ? (
                    <span className="mark-current">current</span>
                  ) : (
                    <>
                      <span className="mark-overwritten">overwritten</span>
                      <button
                        type="button"
                        aria-label={`Restore ${fieldLabel(f.field).toLowerCase()} “${valueText(f, 80)}” from ${entry.actor}`}
                        onClick={() => void restore(entry.changeId, f.field)}
                      >
                        Restore
                      </button>
                    </>
                  )}
                </div>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
