/**
 * Per-install settings in `<dataDir>/settings.json`: this device's id, the
 * worker's name, the workspaces and which one is open. Each workspace has its
 * own connection (URL and token). The token is stored only as ciphertext from
 * the SecretBox; nothing here ever returns it to the renderer.
 *
 * One store is shared by every open workspace of a process (each Core gets a
 * view scoped to its workspace through `forWorkspace`), so two Cores never
 * write the file from two stale copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uuidv7 } from '../../../shared/ids.js';
import { makePrivateDir } from '../fs/private-files.js';
import { replaceFileSync } from '../fs/replace-file.js';
import type { SecretBox } from './secret-box.js';

export interface StoredConnection {
  url: string | null;
  tokenCipher: string | null;
}

/** `team` syncs once a URL is set; `demo` holds sample data and never syncs. */
export type WorkspaceKind = 'team' | 'demo';

export interface WorkspaceEntry {
  id: string;
  name: string;
  kind: WorkspaceKind;
  connection: StoredConnection;
  /**
   * Whether the primary the app starts with (`npm start`'s local one) applies
   * while no URL is saved. Only the first workspace of an install: two new
   * workspaces falling back to one primary would mix their rows.
   */
  usesDefaultPrimary: boolean;
  /** The unpushed edits the last export saved (count and newest id): removal may go ahead while no edit came since. */
  exported?: { count: number; lastId: string | null };
}

export interface StoredSettings {
  deviceId: string;
  workspaces: WorkspaceEntry[];
  currentWorkspaceId: string;
  profileName: string | null;
}

/** What a Core reads: the install settings with its own workspace's connection. */
export interface ScopedSettings extends StoredSettings {
  connection: StoredConnection;
}

const NO_CONNECTION: StoredConnection = { url: null, tokenCipher: null };

interface Shared {
  data: StoredSettings;
}

export class SettingsStore {
  readonly file: string;
  private readonly shared: Shared;
  /** The workspace a Core's view belongs to; null for the install's own store. */
  private readonly scopeId: string | null;

  constructor(
    readonly dataDir: string,
    private readonly secrets: SecretBox,
    scope?: { shared: Shared; workspaceId: string },
  ) {
    this.file = path.join(dataDir, 'settings.json');
    this.shared = scope?.shared ?? { data: this.load() };
    this.scopeId = scope?.workspaceId ?? null;
  }

  /** The same file and memory, with `current.connection` and `currentWorkspaceId` of one workspace. */
  forWorkspace(workspaceId: string): SettingsStore {
    if (!this.shared.data.workspaces.some((w) => w.id === workspaceId)) throw new Error(`no workspace ${workspaceId} in the settings`);
    return new SettingsStore(this.dataDir, this.secrets, { shared: this.shared, workspaceId });
  }

  /** The workspace this view belongs to (the open one for the unscoped store). */
  get workspaceId(): string {
    return this.scopeId ?? this.shared.data.currentWorkspaceId;
  }

  get current(): Readonly<ScopedSettings> {
    const data = this.shared.data;
    const entry = data.workspaces.find((w) => w.id === this.workspaceId);
    return { ...data, currentWorkspaceId: this.workspaceId, connection: entry?.connection ?? NO_CONNECTION };
  }

  get workspace(): Readonly<WorkspaceEntry> | undefined {
    return this.shared.data.workspaces.find((w) => w.id === this.workspaceId);
  }

  workspaceDir(workspaceId: string): string {
    return path.join(this.dataDir, 'workspaces', workspaceId);
  }

  update(change: (draft: StoredSettings) => void): void {
    const draft = structuredClone(this.shared.data);
    change(draft);
    this.write(draft);
    this.shared.data = draft;
  }

  setToken(token: string | null): void {
    const tokenCipher = token === null ? null : this.secrets.encrypt(token).toString('base64');
    this.updateConnection((c) => {
      c.tokenCipher = tokenCipher;
    });
  }

  /**
   * The URL and the token in one write, so no crash (and no sync request) ever
   * sees the new URL with the old token. `token` undefined keeps the stored one.
   */
  setConnection(url: string | null, token: string | null | undefined): void {
    const tokenCipher = token === undefined ? undefined : token === null ? null : this.secrets.encrypt(token).toString('base64');
    this.updateConnection((c) => {
      c.url = url;
      if (tokenCipher !== undefined) c.tokenCipher = tokenCipher;
    });
  }

  /**
   * Main-process only: the decrypted token for sync requests. Null when none
   * is stored, or when the OS store can no longer decrypt it (keyring reset,
   * settings copied from another computer): sync then meets the primary's
   * refusal and asks for the token again, instead of failing inside the engine.
   */
  readToken(): string | null {
    const cipher = this.current.connection.tokenCipher;
    if (!cipher) return null;
    try {
      return this.secrets.decrypt(Buffer.from(cipher, 'base64'));
    } catch {
      return null;
    }
  }

  private updateConnection(change: (connection: StoredConnection) => void): void {
    const id = this.workspaceId;
    this.update((d) => {
      const entry = d.workspaces.find((w) => w.id === id);
      if (!entry) throw new Error(`no workspace ${id} in the settings`);
      change(entry.connection);
    });
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
    let parsed: { settings: StoredSettings; migrated: boolean };
    try {
      parsed = SettingsStore.validate(JSON.parse(text));
    } catch (error) {
      // Keep the damaged file for support instead of silently overwriting it.
      const aside = `${this.file}.corrupt-${Date.now()}`;
      fs.renameSync(this.file, aside);
      throw new Error(`Settings file ${this.file} is damaged (${(error as Error).message}); it was moved to ${aside}.`);
    }
    // Written once in the new shape (temp + rename); the workspace folders are not touched.
    if (parsed.migrated) this.write(parsed.settings);
    return parsed.settings;
  }

  private static defaults(): StoredSettings {
    const workspaceId = uuidv7();
    return {
      deviceId: uuidv7(),
      workspaces: [{ id: workspaceId, name: 'My workspace', kind: 'team', connection: { ...NO_CONNECTION }, usesDefaultPrimary: true }],
      currentWorkspaceId: workspaceId,
      profileName: null,
    };
  }

  /**
   * Accepts this version's shape and the single-workspace one before it (one
   * top-level `connection` for the install): that connection becomes the open
   * workspace's, so an existing install keeps syncing where it did.
   */
  private static validate(value: unknown): { settings: StoredSettings; migrated: boolean } {
    const v = value as Partial<StoredSettings> & { connection?: Partial<StoredConnection> };
    if (
      typeof v?.deviceId !== 'string' ||
      !Array.isArray(v.workspaces) ||
      v.workspaces.length === 0 ||
      typeof v.currentWorkspaceId !== 'string' ||
      !v.workspaces.some((w) => w?.id === v.currentWorkspaceId)
    ) {
      throw new Error('unexpected shape');
    }
    const legacy = v.connection && typeof v.connection === 'object' ? v.connection : null;
    let migrated = legacy !== null;
    const workspaces = v.workspaces.map((raw): WorkspaceEntry => {
      const w = raw as Partial<WorkspaceEntry>;
      if (typeof w.id !== 'string' || typeof w.name !== 'string') throw new Error('a workspace without id or name');
      const complete = typeof w.connection === 'object' && w.connection !== null && (w.kind === 'team' || w.kind === 'demo');
      if (!complete) migrated = true;
      const fromLegacy = w.id === v.currentWorkspaceId && legacy ? legacy : null;
      const connection = w.connection ?? { url: fromLegacy?.url ?? null, tokenCipher: fromLegacy?.tokenCipher ?? null };
      return {
        id: w.id,
        name: w.name,
        kind: w.kind === 'demo' ? 'demo' : 'team',
        connection: { url: connection.url ?? null, tokenCipher: connection.tokenCipher ?? null },
        usesDefaultPrimary: typeof w.usesDefaultPrimary === 'boolean' ? w.usesDefaultPrimary : true,
        ...(w.exported && typeof w.exported.count === 'number' ? { exported: { count: w.exported.count, lastId: typeof w.exported.lastId === 'string' ? w.exported.lastId : null } } : {}),
      };
    });
    return {
      settings: { deviceId: v.deviceId, workspaces, currentWorkspaceId: v.currentWorkspaceId, profileName: v.profileName ?? null },
      migrated,
    };
  }

  /** Write-then-rename so a crash mid-write never leaves half a settings file. */
  private write(data: StoredSettings): void {
    makePrivateDir(this.dataDir);
    replaceFileSync(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }
}
