import type { JobStatus } from '../../../../shared/domain/jobs';

/** The next steps a worker can take from each status (reopen included). */
const ACTIONS: Record<JobStatus, { to: JobStatus; label: string; primary?: boolean }[]> = {
  open: [
    { to: 'in_progress', label: 'Start work', primary: true },
    { to: 'blocked', label: 'Mark blocked' },
    { to: 'done', label: 'Mark done' },
  ],
  in_progress: [
    { to: 'done', label: 'Mark done', primary: true },
    { to: 'blocked', label: 'Mark blocked' },
  ],
  blocked: [
    { to: 'in_progress', label: 'Resume work', primary: true },
    { to: 'done', label: 'Mark done' },
  ],
  done: [{ to: 'open', label: 'Reopen job', primary: true }],
};

export function StatusActions({ status, onChange, busy }: { status: JobStatus; onChange: (to: JobStatus) => void; busy: boolean }) {
  return (
    <div className="status-actions" role="group" aria-label="Status actions">
      {ACTIONS[status].map((action) => (
        <button
          key={action.to}
          type="button"
          className={action.primary ? 'primary' : 'secondary'}
          disabled={busy}
          onClick={() => onChange(action.to)}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
