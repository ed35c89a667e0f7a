import type { ReplicaInfo } from '../../../shared/domain/sync';
import { formatBytes, whenText } from './sync-status-text';

/** Each workspace's replica on this laptop: where it is, how big, what is pending, when it last synced. */
export function ReplicaTable({ replicas }: { replicas: ReplicaInfo[] }) {
  if (replicas.length === 0) return <p className="empty">No workspace replicas on this laptop yet.</p>;
  return (
    <table className="replica-table">
      <caption className="sync-detail">Workspace copies on this laptop</caption>
      <thead>
        <tr>
          <th scope="col">Workspace</th>
          <th scope="col">File</th>
          <th scope="col">Size</th>
          <th scope="col">Not yet synced</th>
          <th scope="col">Last sync</th>
        </tr>
      </thead>
      <tbody>
        {replicas.map((r) => (
          <tr key={r.workspaceId}>
            <td>
              {r.workspaceName}
              {r.current ? ' (open)' : ''}
            </td>
            <td className="sync-detail">{r.file}</td>
            <td>{formatBytes(r.sizeBytes)}</td>
            <td>{r.pendingChanges === null ? '—' : r.pendingChanges}</td>
            <td>{whenText(r.lastPullAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
