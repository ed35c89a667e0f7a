import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '../../../../shared/contract/index.js';
import { closeCore, startTestCore } from '../../../helpers/core.js';
import { TestKeychainBox } from '../../../helpers/keychain-box.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const TOKEN = 'eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXBheWxvYWQ.sig-Fieldbook-Test-Token-0123456789';

/** Forms the token could leak in: as is, base64, hex, and its distinctive tail. */
const leaks = (text: string) =>
  [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex'), 'Fieldbook-Test-Token'].filter((form) =>
    text.includes(form),
  );

describe('auth token secrecy', () => {
  it('keeps the token out of the settings file when the OS store is secure', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    const result = await core.dispatch('settings.setConnection', { url: 'https://db.example.turso.io', authToken: TOKEN });
    expect(result).toEqual({ ok: true, value: { url: 'https://db.example.turso.io', hasToken: true, secureStorage: true } });
    const file = fs.readFileSync(path.join(core.settings.dataDir, 'settings.json'), 'utf8');
    // Each workspace keeps its own connection; the token is ciphertext in the open one's entry.
    expect(JSON.parse(file).workspaces[0].connection.tokenCipher).toEqual(expect.any(String));
    expect(leaks(file)).toEqual([]);
    // Main can still read it back for sync requests.
    expect(core.settings.readToken()).toBe(TOKEN);
  });

  it('never returns the token from any handler', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await core.dispatch('settings.setConnection', { url: 'https://db.example.turso.io', authToken: TOKEN });
    for (const name of HANDLER_NAMES) {
      const result = await core.dispatch(name, {});
      expect(leaks(JSON.stringify(result)), name).toEqual([]);
    }
  });

  it('refuses to store the token in plain text until the user agrees, changing nothing', async () => {
    const core = await startTestCore(); // UnprotectedSecretBox: no OS encryption, like basic_text
    const refused = await core.dispatch('settings.setConnection', { url: 'https://db.example.turso.io', authToken: TOKEN });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('TOKEN_STORAGE_INSECURE');
    expect(!refused.ok && refused.error.message).toMatch(/plain text/);
    expect(!refused.ok && leaks(refused.error.message)).toEqual([]);
    expect(core.settings.current.connection).toEqual({ url: null, tokenCipher: null });
    expect(leaks(fs.readFileSync(path.join(core.settings.dataDir, 'settings.json'), 'utf8'))).toEqual([]);

    const explicitNo = await core.dispatch('settings.setConnection', { url: null, authToken: TOKEN, allowPlainTextToken: false });
    expect(!explicitNo.ok && explicitNo.error.code).toBe('TOKEN_STORAGE_INSECURE');

    const agreed = await core.dispatch('settings.setConnection', {
      url: 'https://db.example.turso.io',
      authToken: TOKEN,
      allowPlainTextToken: true,
    });
    expect(agreed).toEqual({ ok: true, value: { url: 'https://db.example.turso.io', hasToken: true, secureStorage: false } });
    expect(core.settings.readToken()).toBe(TOKEN);
  });

  it('lets the URL change and the token be removed without confirmation', async () => {
    const core = await startTestCore();
    expect((await core.dispatch('settings.setConnection', { url: 'https://other.example' })).ok).toBe(true);
    expect((await core.dispatch('settings.setConnection', { url: null, authToken: null })).ok).toBe(true);
  });

  it('rejects a non-boolean confirmation', async () => {
    const core = await startTestCore();
    const result = await core.dispatch('settings.setConnection', { url: null, authToken: TOKEN, allowPlainTextToken: 'yes' });
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
  });

  it('reads no token, rather than throwing, when the OS store can no longer decrypt it', async () => {
    const dataDir = tempDir('fieldbook-token-moved-');
    const first = await startTestCore({ dataDir, secrets: new TestKeychainBox() });
    await first.dispatch('settings.setConnection', { url: null, authToken: TOKEN });
    await closeCore(first);
    // Same settings file, another keychain (a reset keyring, or the file copied to another laptop).
    const second = await startTestCore({ dataDir, secrets: new TestKeychainBox() });
    expect(second.settings.readToken()).toBeNull();
    const connection = await second.dispatch('settings.getConnection', {});
    expect(connection).toEqual({ ok: true, value: { url: null, hasToken: true, secureStorage: true } });
    expect((await second.dispatch('sync.now', {})).ok).toBe(true);
  });
});
