import { useAppStore } from '../../store/app-store';

/**
 * How to open a workspace on a branch database (staging, a tenant, a copy to
 * try something). Making a branch needs the Turso CLI or an organisation API
 * token, which a field laptop should not hold, so Settings explains instead.
 */
export function BranchesNote() {
  const workspace = useAppStore((s) => s.workspace);
  if (workspace?.kind === 'demo') return null;
  return (
    <section className="card branches-note" aria-labelledby="branches-heading">
      <h3 id="branches-heading">Working on a branch database</h3>
      <p>
        A branch is a new Turso database made from another one: a staging copy, a database per customer, or a copy to try
        something without touching the team&apos;s data. Make it with the Turso CLI:
      </p>
      <ul>
        <li>
          <code>turso db create fieldbook-staging --from-db fieldbook</code> copies the database as it is now;
        </li>
        <li>
          <code>turso db create fieldbook-monday --from-db fieldbook --timestamp 2026-11-30T08:00:00Z</code> copies it as it
          was at that moment (point-in-time recovery, within your plan&apos;s retention);
        </li>
        <li>
          then <code>turso db show fieldbook-staging --url</code> and <code>turso db tokens create fieldbook-staging</code>.
        </li>
      </ul>
      <p>
        Open it in its own workspace, so its rows never mix with another database&apos;s: <strong>Workspaces → New workspace</strong>,
        then enter the branch&apos;s URL and token under Connection above. For local development,{' '}
        <code>npm run primary -- --from &lt;primary.db&gt;</code> serves a copy of another local primary.
      </p>
    </section>
  );
}
