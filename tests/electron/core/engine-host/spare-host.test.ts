/**
 * A spare engine host (engine-host/spare-host.ts): started idle, taken by the
 * next workspace that opens (which then starts no process of its own), the
 * next spare started as one is taken, a spare that died while idle never
 * handed out, and every spare stopped when the manager closes. Real child
 * processes and replicas; the spawner only records what it started.
 */
import { describe, expect, it } from 'vitest';
import { nodeEngineSpawner, type EngineChannel, type EngineSpawner } from '../../../../electron/core/engine-host/channel.js';
import { SpareHost } from '../../../../electron/core/engine-host/spare-host.js';
import { UnprotectedSecretBox } from '../../../../electron/core/settings/secret-box.js';
import { WorkspaceManager } from '../../../../electron/core/workspaces/workspace-manager.js';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { WorkspaceSummary } from '../../../../shared/domain/workspace.js';
import { call } from '../../../helpers/workspaces.js';
import { tempDir } from '../../../helpers/temp-dir.js';

interface Started {
  channel: EngineChannel;
  exited: Promise<void>;
}

/** The real spawner, keeping each channel and when its process ended. */
function recordingSpawner(): { spawn: EngineSpawner; started: Started[] } {
  const started: Started[] = [];
  const spawn: EngineSpawner = (script) => {
    const channel = nodeEngineSpawner(script);
    started.push({ channel, exited: new Promise((resolve) => channel.onExit(() => resolve())) });
    return channel;
  };
  return { spawn, started };
}

describe('spare engine host', () => {
  it('hands out a host that says ready, starts the next one, and never hands out one that died', async () => {
    const { spawn, started } = recordingSpawner();
    const spare = new SpareHost(spawn);
    try {
      spare.warm();
      spare.warm();
      expect(started).toHaveLength(1);
      const first = spare.take();
      expect(first?.channel).toBe(started[0]!.channel);
      expect(await first!.ready).toBe(true);
      // Taking one started the next.
      expect(started).toHaveLength(2);
      first!.channel.kill();

      // The waiting one dies while idle: it is dropped, and the take after that starts afresh.
      started[1]!.channel.kill();
      await started[1]!.exited;
      // The exit listeners ran before `exited` resolved, so the spare knows it is gone.
      expect(spare.take()).toBeNull();
      expect(started).toHaveLength(3);
    } finally {
      spare.close();
    }
    await Promise.all(started.map((s) => s.exited));
  });

  it('a workspace switch uses the waiting host, and closing the manager stops the spare', async () => {
    const { spawn, started } = recordingSpawner();
    const manager = await WorkspaceManager.start({ dataDir: tempDir('fieldbook-data-'), appVersion: '0.0.0-test', secrets: new UnprotectedSecretBox(), engine: { spawn } });
    try {
      // The first workspace's host and one spare.
      expect(started).toHaveLength(2);
      await call(manager, 'jobs.create', { title: 'Pump check in the first workspace' });
      const second = await call<WorkspaceSummary>(manager, 'workspace.create', { name: 'Harbour team' });
      // The new workspace took the spare (no process of its own); its taking started the next spare.
      expect(started).toHaveLength(3);
      await call(manager, 'jobs.create', { title: 'Crane inspection' });
      expect((await call<{ items: Job[] }>(manager, 'jobs.list', {})).items.map((j) => j.title)).toEqual(['Crane inspection']);
      expect(manager.currentWorkspaceId).toBe(second.id);
      // The first workspace, closed in the background after the switch, let its host go.
      await started[0]!.exited;
    } finally {
      await manager.close();
    }
    // Nothing left running: both workspaces' hosts and the idle spare.
    await Promise.all(started.map((s) => s.exited));
  });
});
