/**
 * Per-install settings in `<dataDir>/settings.json`: this device's id, the
 * workspaces, and the connection. The token is stored only as ciphertext from
 * the SecretBox; nothing here ever returns it to the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uuidv7 } from '../../../shared/ids.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files.js';
import type { SecretBox } from './secret-box.js';

export interface WorkspaceEntry {
  id: string;
  name: string;
}

export interface StoredSettings {
  deviceId: string;
  workspaces: WorkspaceEntry[];
  currentWorkspaceId: string;
  connection: { url: string | null; tokenCipher: string | null };
  profileName: string | null;
}

export class SettingsStore {
  private data: StoredSettings;
  readonly file: string;

  constructor(
    readonly dataDir: string,
    private readonly secrets: SecretBox,
  ) {
    this.file = path.join(dataDir, 'settings.json');
    this.data = this.load();
  }

  get current(): Readonly<StoredSettings> {
    return this.data;
  }

  workspaceDir(workspaceId: string): string {
    return path.join(this.dataDir, 'workspaces', workspaceId);
  }

  update(change: (draft: StoredSettings) => void): void {
    const draft = structuredClone(this.data);
    change(draft);
    this.write(draft);
    this.data = draft;
  }

  setToken(token: string | null): void {
    this.update((d) => {
      d.connection.tokenCipher = token === null ? null : this.secrets.encrypt(token).toString('base64');
    });
  }

  /**
   * The URL and the token in one write, so no crash (and no sync request) ever
   * sees the new URL with the old token. `token` undefined keeps the stored one.
   */
  setConnection(url: string | null, token: string | null | undefined): void {
    const tokenCipher = token === undefined ? undefined : token === null ? null : this.secrets.encrypt(token).toString('base64');
    this.update((d) => {
      d.connection.url = url;
      if (tokenCipher !== undefined) d.connection.tokenCipher = tokenCipher;
    });
  }

  /**
   * Main-process only: the decrypted token for sync requests. Null when none
   * is stored, or when the OS store can no longer decrypt it (keyring reset,
   * settings copied from another computer): sync then meets the primary's
   * refusal and asks for the token again, instead of failing inside the engine.
   */
  readToken(): string | null {
    const cipher = this.data.connection.tokenCipher;
    if (!cipher) return null;
    try {
      return this.secrets.decrypt(Buffer.from(cipher, 'base64'));
    } catch {
      return null;
    }
  }

  private load(): StoredSettings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const fresh = SettingsStore.defaults();
      this.write(fresh);
      return fresh;
    }
    try {
      return SettingsStore.validate(JSON.parse(text));
    } catch (error) {
      // Keep the damaged file for support instead of silently overwriting it.
      const aside = `${this.file}.corrupt-${Date.now()}`;
      fs.renameSync(this.file, aside);
      throw new Error(`Settings file ${this.file} is damaged (${(error as Error).message}); it was moved to ${aside}.`);
    }
  }

  private static defaults(): StoredSettings {
    const workspaceId = uuidv7();
    return {
      deviceId: uuidv7(),
      workspaces: [{ id: workspaceId, name: 'My workspace' }],
      currentWorkspaceId: workspaceId,
      connection: { url: null, tokenCipher: null },
      profileName: null,
    };
  }

  private static validate(value: unknown): StoredSettings {
    const v = value as StoredSettings;
    if (
      typeof v?.deviceId !== 'string' ||
      !Array.isArray(v.workspaces) ||
      v.workspaces.length === 0 ||
      typeof v.currentWorkspaceId !== 'string' ||
      typeof v.connection !== 'object'
    ) {
      throw new Error('unexpected shape');
    }
    return { ...v, profileName: v.profileName ?? null };
  }

  /** Write-then-rename so a crash mid-write never leaves half a settings file. */
  private write(data: StoredSettings): void {
    makePrivateDir(this.dataDir);
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, this.file);
  }
}
