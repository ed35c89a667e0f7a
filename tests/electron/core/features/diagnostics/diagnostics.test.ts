import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayFolder } from '../../../../../electron/core/features/diagnostics/diagnostics-handlers.js';
import type { DiagnosticsReport } from '../../../../../shared/domain/diagnostics.js';
import { MIGRATIONS } from '../../../../../migrations/index.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { TestKeychainBox } from '../../../../helpers/keychain-box.js';

const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6ImRpYWdub3N0aWNzIn0.c2VjcmV0LXNpZ25hdHVyZQ';
const PERSONAL_TITLE = 'Replace boiler at 12 Elm Street for Mrs Dupont';

describe('displayFolder', () => {
  it('shows a folder under the home folder as ~/…, so the report carries no account name', () => {
    expect(displayFolder('/home/alice/.config/Fieldbook', '/home/alice')).toBe(path.join('~', '.config', 'Fieldbook'));
    expect(displayFolder('/home/alice', '/home/alice')).toBe('~');
    expect(displayFolder('/home/alice2/Fieldbook', '/home/alice')).toBe('/home/alice2/Fieldbook');
    expect(displayFolder('/var/lib/fieldbook', '/home/alice')).toBe('/var/lib/fieldbook');
  });
});

describe('diagnostics.collect', () => {
  it('gathers versions, sync state, file sizes, storage backend and recent problems', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await invoke(core, 'jobs.create', { title: 'Inspect pump' });
    core.logger.error('handler jobs.create failed', new Error('SQLITE_FULL: database or disk is full'));
    const report = await invoke<DiagnosticsReport>(core, 'diagnostics.collect');

    expect(report.app).toMatchObject({ version: '0.0.0-test', platform: process.platform, node: process.versions.node, electron: null });
    expect(report.engine.packages['@tursodatabase/sync']).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.engine.schemaVersion).toBe(MIGRATIONS.length);
    expect(report.engine.latestSchemaVersion).toBe(MIGRATIONS.length);
    expect(report.sync).toMatchObject({ state: 'not_configured', primaryConfigured: false, tokenStored: false });
    expect(report.sync.pendingChanges).toBeGreaterThanOrEqual(0);
    expect(report.storage).toMatchObject({ secureStorage: true, backend: 'test keychain', dataFolder: core.settings.dataDir });
    const db = report.storage.replicaFiles.find((f) => f.name === 'fieldbook.db');
    expect(db?.bytes).toBeGreaterThan(0);
    expect(report.ids.deviceId).toBe(core.settings.current.deviceId);
    expect(report.recentProblems).toEqual([
      expect.objectContaining({ level: 'error', message: 'handler jobs.create failed', detail: 'Error: SQLITE_FULL: database or disk is full' }),
    ]);
  });

  it('contains no token, no primary URL, and none of what workers typed', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await invoke(core, 'settings.setConnection', { url: 'https://acme-secret-project.turso.io', authToken: TOKEN });
    core.settings.update((d) => {
      d.profileName = 'Alice Martin';
    });
    await invoke(core, 'jobs.create', { title: PERSONAL_TITLE, assignee: 'Alice Martin' });
    core.logger.warn(`sync failed for https://user:pw@acme-secret-project.turso.io with Bearer ${TOKEN}`);
    core.logger.error('push failed', { authToken: TOKEN, title: PERSONAL_TITLE });

    const report = await invoke<DiagnosticsReport>(core, 'diagnostics.collect');
    const text = JSON.stringify(report);
    expect(report.sync).toMatchObject({ primaryConfigured: true, tokenStored: true });
    for (const secret of [TOKEN, 'Elm Street', 'Alice', 'pw@', core.settings.current.connection.tokenCipher!]) {
      expect(text, secret).not.toContain(secret);
    }
    // The report names no primary; a host in a logged message is kept (support needs it), its credentials are not.
    expect(JSON.stringify({ ...report, recentProblems: [] })).not.toContain('acme-secret-project');
    expect(report.recentProblems).toHaveLength(2);
  });
});
