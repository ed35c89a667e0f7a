import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretBox } from '../../../../electron/core/settings/secret-box.js';
import { SettingsStore } from '../../../../electron/core/settings/settings-store.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** Stands in for the OS keychain (which does not exist here): reversible, but never plain text. */
const reversingBox: SecretBox = {
  isSecure: true,
  backend: 'test-reversing',
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].reverse()),
  decrypt: (cipher) => Buffer.from([...cipher].reverse()).toString(),
};

describe('settings store', () => {
  it('creates a device id and a first workspace, and keeps them across restarts', () => {
    const dir = tempDir();
    const first = new SettingsStore(dir, reversingBox).current;
    const again = new SettingsStore(dir, reversingBox).current;
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.workspaces).toEqual(first.workspaces);
    expect(first.workspaces).toHaveLength(1);
  });

  it('stores the token only as ciphertext', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, reversingBox);
    store.setToken('tok-SECRET-123');
    expect(fs.readFileSync(store.file, 'utf8')).not.toContain('tok-SECRET-123');
    expect(new SettingsStore(dir, reversingBox).readToken()).toBe('tok-SECRET-123');
    store.setToken(null);
    expect(store.readToken()).toBeNull();
  });

  it('refuses a damaged file with a clear error and keeps it aside instead of overwriting it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"deviceId": tru');
    expect(() => new SettingsStore(dir, reversingBox)).toThrow(/settings\.json is damaged.*moved to/);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"deviceId": tru');
  });

  it('keeps each workspace its own connection and token, through one shared file', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, reversingBox);
    const first = store.current.currentWorkspaceId;
    store.update((d) => {
      d.workspaces.push({ id: 'second', name: 'Second', kind: 'team', connection: { url: null, tokenCipher: null }, usesDefaultPrimary: false });
    });
    const a = store.forWorkspace(first);
    const b = store.forWorkspace('second');
    a.setConnection('https://a.turso.io', 'tok-A');
    b.setConnection('https://b.turso.io', 'tok-B');
    expect([a.readToken(), b.readToken()]).toEqual(['tok-A', 'tok-B']);
    b.setToken(null);
    expect([a.readToken(), b.readToken()]).toEqual(['tok-A', null]);
    expect(a.current.connection.url).toBe('https://a.turso.io');
    const again = new SettingsStore(dir, reversingBox);
    expect(again.forWorkspace('second').current.connection).toEqual({ url: 'https://b.turso.io', tokenCipher: null });
    expect(again.readToken()).toBe('tok-A');
    expect(() => store.forWorkspace('missing')).toThrow(/no workspace missing/);
  });
});
