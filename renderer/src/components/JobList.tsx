import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app-store';

export function JobList() {
  const jobs = useAppStore((s) => s.jobs);
  const createJob = useAppStore((s) => s.createJob);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError('Give the job a title.');
      return;
    }
    try {
      await createJob(title.trim());
      setTitle('');
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="jobs" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <form className="new-job" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="new-job-title">Title</label>
        <input id="new-job-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        <button type="submit">New job</button>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </form>
      {jobs.length === 0 ? (
        <p className="empty">No jobs yet. Create one above; it is saved on this laptop and syncs when online.</p>
      ) : (
        <ul className="job-list">
          {jobs.map((job) => (
            <li key={job.id}>
              <span className="job-title">{job.title}</span>
              <span className={`badge status-${job.status}`}>{job.status.replace('_', ' ')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
