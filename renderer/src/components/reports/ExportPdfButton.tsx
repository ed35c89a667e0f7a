import { useState } from 'react';
import { runExport } from './run-export';

/** "Export PDF" on a job: main builds the report from the replica, so it works offline. */
export function ExportPdfButton({ jobId }: { jobId: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void runExport('reports.jobPdf', { jobId }).finally(() => setBusy(false));
      }}
    >
      {busy ? 'Making PDF…' : 'Export PDF'}
    </button>
  );
}
