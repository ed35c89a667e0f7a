/**
 * An install from before workspaces (one workspace, one top-level connection
 * in settings.json) opens in place as the first workspace: same folder, same
 * rows, same connection and token, nothing moved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { WorkspaceInfo, WorkspaceSummary } from '../../../../shared/domain/workspace.js';
import { closeCore, invoke, startTestCore } from '../../../helpers/core.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { call, startTestWorkspaces } from '../../../helpers/workspaces.js';

describe('single-workspace install migration', () => {
  it('keeps the folder, the rows, the connection and the token of an install from before workspaces', async () => {
    const dataDir = tempDir('fieldbook-old-install-');
    const old = await startTestCore({ dataDir });
    await invoke(old, 'profile.set', { name: 'Alex Field' });
    await invoke(old, 'jobs.create', { title: 'Written before workspaces' });
    const workspaceId = old.settings.current.currentWorkspaceId;
    const deviceId = old.settings.current.deviceId;
    await closeCore(old);

    // settings.json exactly as the single-workspace version wrote it.
    const settingsFile = path.join(dataDir, 'settings.json');
    const legacy = {
      deviceId,
      workspaces: [{ id: workspaceId, name: 'My workspace' }],
      currentWorkspaceId: workspaceId,
      connection: { url: 'https://acme.turso.io', tokenCipher: Buffer.from('tok-legacy-123').toString('base64') },
      profileName: 'Alex Field',
    };
    fs.writeFileSync(settingsFile, JSON.stringify(legacy, null, 2));
    const folder = path.join(dataDir, 'workspaces', workspaceId);
    const filesBefore = fs.readdirSync(folder).filter((f) => f.startsWith('fieldbook.'));

    const manager = await startTestWorkspaces({ dataDir, syncTimings: { pollMs: 60_000 } });
    const info = await call<WorkspaceInfo>(manager, 'workspace.info');
    expect(info).toMatchObject({ id: workspaceId, name: 'My workspace', kind: 'team', deviceId });
    expect((await call<{ items: Job[] }>(manager, 'jobs.list', {})).items.map((j) => j.title)).toEqual(['Written before workspaces']);
    expect(await call(manager, 'profile.get')).toEqual({ name: 'Alex Field' });
    expect(await call(manager, 'settings.getConnection')).toMatchObject({ url: 'https://acme.turso.io', hasToken: true });
    expect(manager.current.settings.readToken()).toBe('tok-legacy-123');
    expect((await call<WorkspaceSummary[]>(manager, 'workspace.list')).map((w) => w.id)).toEqual([workspaceId]);

    // Rewritten once, in the new shape; the token moved with its workspace and stays ciphertext.
    const migrated = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    expect(migrated.connection).toBeUndefined();
    expect(migrated.workspaces[0]).toMatchObject({ id: workspaceId, kind: 'team', usesDefaultPrimary: true, connection: { url: 'https://acme.turso.io', tokenCipher: legacy.connection.tokenCipher } });
    // The replica, its engine files and the journal stay where they were.
    for (const file of filesBefore) expect(fs.existsSync(path.join(folder, file)), file).toBe(true);
    expect(filesBefore).toEqual(expect.arrayContaining(['fieldbook.db', 'fieldbook.journal']));
    expect(fs.readdirSync(path.join(dataDir, 'workspaces'))).toEqual([workspaceId]);
  });

  it('a new workspace does not fall back to the default primary of the first one', async () => {
    const manager = await startTestWorkspaces({ primaryUrl: 'http://127.0.0.1:9', syncTimings: { pollMs: 60_000 } });
    expect((await call<{ url: string | null }>(manager, 'settings.getConnection')).url).toBe('http://127.0.0.1:9');
    await call(manager, 'workspace.create', { name: 'Branch' });
    expect((await call<{ url: string | null }>(manager, 'settings.getConnection')).url).toBeNull();
    expect((await call<{ state: string }>(manager, 'sync.status')).state).toBe('not_configured');
  });
});
