import { useState } from 'react';
import type { HandlerInput } from '../../../../shared/contract/index';
import { runExport } from './run-export';
import './reports.css';

const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * The job list's exports: "Export CSV" sends the list's own query (search,
 * filters, sort), so the file holds what the list shows; "Checklist results…"
 * asks for a day range. Main checks both (an inverted range is refused there).
 */
export function ListExports({ query }: { query: HandlerInput<'reports.jobsCsv'> }) {
  const [busy, setBusy] = useState(false);
  const [rangeOpen, setRangeOpen] = useState(false);
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  // The outcome is shown as a toast by runExport.
  const run = (work: () => Promise<string>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  return (
    <div className="list-exports">
      <button type="button" className="secondary" disabled={busy} onClick={() => run(() => runExport('reports.jobsCsv', query))}>
        Export CSV
      </button>
      <button type="button" className="secondary" aria-expanded={rangeOpen} onClick={() => setRangeOpen(!rangeOpen)}>
        Checklist results…
      </button>
      {rangeOpen ? (
        <form
          className="export-range"
          aria-label="Export checklist results"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => runExport('reports.inspectionsCsv', { from, to }));
          }}
        >
          <label>
            From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            Export results
          </button>
        </form>
      ) : null}
    </div>
  );
}
