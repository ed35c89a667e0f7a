/**
 * When sample data may be loaded. The sample sites and jobs are normal edits:
 * they sync to everyone on the team database. So they are only for a
 * workspace that has received nothing from a team and whose primary holds
 * nothing (or that has no primary at all). A new laptop whose first download
 * is still running, or that cannot reach its primary yet, must not seed the
 * team's database with examples.
 */
import type { SyncStatus } from '../../../../shared/domain/sync.js';
import type { Queryable } from '../../db/database.js';
import type { RemoteTarget } from '../../db/replica.js';
import { primaryChangeCount } from '../../sync/primary-check.js';

export interface SampleDataGuardDeps {
  db: Queryable;
  deviceId: string;
  remote: () => RemoteTarget | null;
  syncStatus: () => SyncStatus;
  /** Edits the primary holds; the real one asks the primary over HTTP. */
  countOnPrimary?: (remote: RemoteTarget) => Promise<number>;
}

/** Plain words why sample data cannot be loaded now, or null when it may. */
export async function sampleDataRefusal(deps: SampleDataGuardDeps): Promise<string | null> {
  const target = deps.remote();
  if (!target) return null;
  const status = deps.syncStatus();
  if (status.lastPullAt === null && (status.state === 'pulling' || status.download !== null)) {
    return "Your team's jobs are still downloading to this laptop. Sample data is only for a new, empty team database.";
  }
  const fromTeam = await deps.db.get('SELECT 1 AS x FROM changes WHERE device_id != ? LIMIT 1', [deps.deviceId]);
  if (fromTeam) return "This workspace already holds your team's data; sample data is only for a new, empty team database.";
  let onPrimary: number;
  try {
    onPrimary = await (deps.countOnPrimary ?? primaryChangeCount)(target);
  } catch {
    return (
      `Sample data is only for a new, empty team database, and the one at ${target.url} could not be reached to check. ` +
      'Connect to it and try again, or create your first job.'
    );
  }
  if (onPrimary > 0) {
    return (
      `The team database at ${target.url} already holds ${onPrimary} edit${onPrimary === 1 ? '' : 's'}; ` +
      'sample data is only for a new, empty one. Your team\'s jobs appear here once they have downloaded.'
    );
  }
  return null;
}
