/**
 * Switching workspaces: from an empty workspace to the seeded one (closed, so
 * its Core opens: settings view, lock, replica, migration check, sync service)
 * until its first page of jobs is answered, as the renderer asks after
 * `workspace.changed`. On a copy of the seeded data dir, since the manager
 * adds a workspace to its settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UnprotectedSecretBox } from '../../electron/core/settings/secret-box.js';
import { WorkspaceManager } from '../../electron/core/workspaces/workspace-manager.js';
import { STATUS_PAGE_INPUT } from './local-app.js';
import type { Results } from './results.js';

async function unwrap(manager: WorkspaceManager, name: string, input: unknown): Promise<unknown> {
  const result = await manager.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function benchSwitch(seededDataDir: string, scratch: string, results: Results, runs: number, jobs: number): Promise<void> {
  const dataDir = path.join(scratch, 'switch-data');
  fs.cpSync(seededDataDir, dataDir, { recursive: true });
  const manager = await WorkspaceManager.start({ dataDir, appVersion: '0.0.0-bench', secrets: new UnprotectedSecretBox() });
  try {
    const seeded = manager.currentWorkspaceId;
    const empty = ((await unwrap(manager, 'workspace.create', { name: 'Bench empty' })) as { id: string }).id;
    const samples: number[] = [];
    let rows = 0;
    let stayedOpen = 0;
    for (let i = 0; i < runs + 1; i++) {
      // The seeded workspace has nothing to push, so leaving it closed its Core: each switch opens it afresh.
      if (manager.openCores().has(seeded)) stayedOpen += 1;
      const start = performance.now();
      await unwrap(manager, 'workspace.switch', { id: seeded });
      const page = (await unwrap(manager, 'jobs.list', STATUS_PAGE_INPUT)) as { items: unknown[] };
      const took = performance.now() - start;
      rows = page.items.length;
      if (i > 0) samples.push(took); // the first run warms the OS file cache for the copy
      await unwrap(manager, 'workspace.switch', { id: empty });
    }
    results.samples('app.switch', 'local', `switch workspaces → first page (${jobs} jobs, its Core opened afresh)`, 'app', 'ms', samples, { rows, stayedOpen });
  } finally {
    await manager.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
