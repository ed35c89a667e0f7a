import { call } from '../api/client';
import { JobForm } from '../components/jobs/JobForm';
import { useNav } from '../store/nav-store';

export function NewJobScreen({ siteId }: { siteId?: string }) {
  const navigate = useNav((s) => s.navigate);
  const dataChanged = useNav((s) => s.dataChanged);
  return (
    <section className="screen" aria-labelledby="new-job-heading">
      <div className="screen-header">
        <button type="button" className="link back" onClick={() => navigate(siteId ? { screen: 'site', id: siteId } : { screen: 'jobs' })}>
          ← Back
        </button>
        <h2 id="new-job-heading">New job</h2>
      </div>
      <JobForm
        initialSiteId={siteId}
        onCancel={() => navigate(siteId ? { screen: 'site', id: siteId } : { screen: 'jobs' })}
        onSave={async (values) => {
          const job = await call('jobs.create', values);
          dataChanged();
          navigate({ screen: 'job', id: job.id });
        }}
      />
    </section>
  );
}
