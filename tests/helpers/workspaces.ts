import { afterEach } from 'vitest';
import type { CoreOptions } from '../../electron/core/app-core.js';
import { UnprotectedSecretBox } from '../../electron/core/settings/secret-box.js';
import type { SyncTimings } from '../../electron/core/sync/sync-service.js';
import { WorkspaceManager } from '../../electron/core/workspaces/workspace-manager.js';
import { invoke } from './core.js';
import { tempDir } from './temp-dir.js';

const open: WorkspaceManager[] = [];

/** A real WorkspaceManager (real Cores, replicas and sync loops) in a temp data dir; closed after the test. */
export async function startTestWorkspaces(
  options: {
    dataDir?: string;
    primaryUrl?: string | null;
    syncTimings?: Partial<SyncTimings>;
    maxBackground?: number;
    photos?: CoreOptions['photos'];
  } = {},
): Promise<WorkspaceManager> {
  const manager = await WorkspaceManager.start({
    dataDir: options.dataDir ?? tempDir('fieldbook-data-'),
    appVersion: '0.0.0-test',
    secrets: new UnprotectedSecretBox(),
    defaultPrimaryUrl: options.primaryUrl ?? null,
    maxBackground: options.maxBackground,
    photos: options.photos,
    syncTimings: {
      pollMs: 300,
      debounceMs: 50,
      offline: { baseMs: 200, maxMs: 500 },
      failing: { baseMs: 200, maxMs: 500 },
      ...options.syncTimings,
    },
  });
  open.push(manager);
  return manager;
}

export async function closeWorkspaces(manager: WorkspaceManager): Promise<void> {
  const index = open.indexOf(manager);
  if (index >= 0) open.splice(index, 1);
  await manager.close();
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});

/** Call a handler through the manager and unwrap the result (the manager dispatches like a Core). */
export const call = invoke;

/** The error answer of a call that must fail. */
export async function refusal(manager: WorkspaceManager, name: string, input: unknown = {}) {
  const result = await manager.dispatch(name, input);
  if (result.ok) throw new Error(`${name} was expected to fail, answered ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}
