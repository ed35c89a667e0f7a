/**
 * Several workspaces on one laptop, each a Core of its own (replica folder,
 * connection and token, sync loop, lock), above the code that opens a replica.
 * One Core is *current*: the renderer's calls go to it and its events go out.
 * A workspace left with unpushed edits keeps its Core, so its sync loop goes
 * on pushing in the background; once it has nothing pending it is closed.
 *
 * At most MAX_BACKGROUND Cores stay open beside the current one: each holds
 * its replica's pages and the search index in memory (~80 MB at 100,000 jobs,
 * see the benchmark's memory figures) and a sync loop, and a laptop rarely has
 * more than one or two workspaces waiting for a network at once. Past that
 * the oldest is closed; its edits are safe on disk and push when it is opened.
 */
import fs from 'node:fs';
import type { WorkspaceInfo, WorkspaceSummary } from '../../../shared/domain/workspace.js';
import { AppError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import { startCore, type Core, type CoreOptions } from '../app-core.js';
import { Mutex } from '../db/database.js';
import { nodeEngineSpawner } from '../engine-host/channel.js';
import type { EngineChoice } from '../engine-host/core-engine.js';
import { SpareHost } from '../engine-host/spare-host.js';
import { EventHub } from '../events.js';
import type { Dispatch } from '../rpc/registry.js';
import { SettingsStore, type WorkspaceEntry } from '../settings/settings-store.js';
import { unpushedEdits } from './unpushed-edits.js';
import { workspaceManagementHandlers } from './workspace-handlers.js';

export const MAX_BACKGROUND = 2;
export const DEMO_NAME = 'Demo';

export type ManagerOptions = Omit<CoreOptions, 'settings' | 'workspaceId' | 'management' | 'sampleDataInDemoOnly'> & {
  maxBackground?: number;
};

/** What the workspace handlers need from the manager (workspace-handlers.ts). */
export interface WorkspaceControl {
  list(): Promise<WorkspaceSummary[]>;
  create(name: string): Promise<WorkspaceSummary>;
  rename(id: string, name: string): WorkspaceSummary;
  switchTo(id: string): Promise<WorkspaceInfo>;
  remove(id: string): Promise<void>;
  demoId(): string;
  /** The Core of a workspace, opened in the background if it is closed. */
  coreOf(id: string): Promise<Core>;
  readonly settings: SettingsStore;
  /** Marks a workspace's unpushed edits as saved in a backup (removal may then go ahead). */
  noteExported(id: string, edits: { count: number; lastId: string | null }): void;
  /** Registers a folder already filled (an import) as a new workspace. */
  adopt(id: string, name: string): WorkspaceSummary;
  /** Closes a background Core opened for a moment (an export) when it has nothing to push. */
  releaseIfIdle(id: string): Promise<void>;
}

export class WorkspaceManager implements WorkspaceControl {
  readonly events = new EventHub();
  readonly settings: SettingsStore;
  private readonly cores = new Map<string, Core>();
  /** Background Cores, oldest first, with the listener that closes them once they have pushed. */
  private readonly background = new Map<string, () => void>();
  private currentId: string;
  private forward: () => void = () => undefined;
  private readonly changes = new Mutex();
  private closed = false;
  /** An engine host waiting for the next workspace to open (spare-host.ts); none when the engine runs in this process. */
  private readonly spare: SpareHost | null;
  private readonly engine: EngineChoice;

  private constructor(
    private readonly options: ManagerOptions,
    private readonly openCore: (options: CoreOptions) => Promise<Core>,
  ) {
    this.settings = new SettingsStore(options.dataDir, options.secrets);
    this.currentId = this.settings.current.currentWorkspaceId;
    if (options.engine === 'in-process') {
      this.spare = null;
      this.engine = 'in-process';
    } else {
      const spare = new SpareHost(options.engine?.spawn ?? nodeEngineSpawner, options.engine?.script);
      this.spare = spare;
      this.engine = { ...options.engine, spawn: spare.spawn, spare };
    }
  }

  /** Opens the install's current workspace (an install from before workspaces is its first one, in place). */
  static async start(options: ManagerOptions, openCore: (options: CoreOptions) => Promise<Core> = startCore): Promise<WorkspaceManager> {
    const manager = new WorkspaceManager(options, openCore);
    const core = await manager.open(manager.currentId);
    manager.attach(core);
    // After the first workspace is open, not beside it: the next switch finds a host waiting (each one taken starts the next).
    manager.spare?.warm();
    return manager;
  }

  /** The renderer's calls, always to the current workspace (whose table holds the workspace handlers too). */
  readonly dispatch: Dispatch = (name, input) => this.current.dispatch(name, input);

  /** The open workspace's exports waiting for the browser host to serve them. */
  get downloads(): Core['downloads'] {
    return this.current.downloads;
  }

  get current(): Core {
    const core = this.cores.get(this.currentId);
    if (!core) throw new AppError('STORAGE_FAILED', 'No workspace is open.');
    return core;
  }

  get currentWorkspaceId(): string {
    return this.currentId;
  }

  /** For the quit sequence and update policy: the open workspace's sync state. */
  get sync(): Core['sync'] {
    return this.current.sync;
  }

  get logger(): Core['logger'] {
    return this.current.logger;
  }

  /** Open Cores by workspace id (tests, the benchmark). */
  openCores(): ReadonlyMap<string, Core> {
    return this.cores;
  }

  /** Network back or laptop awake: every open workspace tries at once. */
  pokeAll(): void {
    for (const core of this.cores.values()) core.sync.poke();
  }

  async list(): Promise<WorkspaceSummary[]> {
    return this.settings.current.workspaces.map((w) => this.summary(w));
  }

  async create(name: string): Promise<WorkspaceSummary> {
    const entry = this.addEntry(name, 'team');
    await this.switchTo(entry.id);
    return this.summary(this.entry(entry.id));
  }

  rename(id: string, name: string): WorkspaceSummary {
    this.entry(id);
    this.refuseDuplicateName(name, id);
    this.settings.update((d) => {
      const w = d.workspaces.find((x) => x.id === id);
      if (w) w.name = name;
    });
    if (id === this.currentId) this.events.emit('workspace.changed', this.changedPayload(id));
    return this.summary(this.entry(id));
  }

  switchTo(id: string): Promise<WorkspaceInfo> {
    return this.changes.run(async () => {
      this.entry(id);
      if (id !== this.currentId) {
        const next = await this.open(id);
        const previous = this.currentId;
        this.settings.update((d) => {
          d.currentWorkspaceId = id;
        });
        this.currentId = id;
        this.attach(next);
        // After this call answers (the next change waits for it): closing a large replica must not delay the first page.
        void this.changes.run(() => this.leave(previous));
      }
      return this.info(id);
    });
  }

  remove(id: string): Promise<void> {
    return this.changes.run(async () => {
      const entry = this.entry(id);
      if (id === this.currentId) throw new AppError('CONFLICT', `“${entry.name}” is open. Open another workspace first, then remove this one.`);
      const dir = this.settings.workspaceDir(id);
      const unpushed = unpushedEdits(dir);
      const exported = entry.kind === 'demo' || this.exportCovers(entry, unpushed);
      if (unpushed.count > 0 && !exported) {
        throw new AppError(
          'CONFLICT',
          `“${entry.name}” has ${unpushed.count} edit${unpushed.count === 1 ? '' : 's'} not yet on its database. ` +
            'Export the workspace first (the backup keeps them), or let it sync, then remove it. Nothing was removed.',
        );
      }
      await this.closeCore(id);
      this.settings.update((d) => {
        d.workspaces = d.workspaces.filter((w) => w.id !== id);
      });
      // Out of the list first: a crash while deleting leaves an orphan folder, never a listed workspace without files.
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  demoId(): string {
    const existing = this.settings.current.workspaces.find((w) => w.kind === 'demo');
    return existing ? existing.id : this.addEntry(DEMO_NAME, 'demo').id;
  }

  async coreOf(id: string): Promise<Core> {
    const open = this.cores.get(id);
    if (open) return open;
    this.entry(id);
    const core = await this.open(id);
    this.keepInBackground(id, core);
    return core;
  }

  noteExported(id: string, edits: { count: number; lastId: string | null }): void {
    // In settings, so a restart between the export and the removal still counts it.
    this.settings.update((d) => {
      const w = d.workspaces.find((x) => x.id === id);
      if (w) w.exported = { count: edits.count, lastId: edits.lastId };
    });
  }

  adopt(id: string, name: string): WorkspaceSummary {
    this.refuseDuplicateName(name, null);
    this.settings.update((d) => {
      d.workspaces.push({ id, name, kind: 'team', connection: { url: null, tokenCipher: null }, usesDefaultPrimary: false });
    });
    return this.summary(this.entry(id));
  }

  releaseIfIdle(id: string): Promise<void> {
    return this.changes.run(async () => {
      const core = this.cores.get(id);
      if (core && id !== this.currentId && core.sync.status.pendingChanges === 0) await this.closeCore(id);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.spare?.close();
    this.forward();
    for (const stop of this.background.values()) stop();
    this.background.clear();
    const cores = [...this.cores.values()];
    this.cores.clear();
    const results = await Promise.allSettled(cores.map((c) => c.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The last export saved every edit still unpushed: none came after it. */
  private exportCovers(entry: WorkspaceEntry, now: { count: number; lastId: string | null }): boolean {
    const saved = entry.exported;
    return saved !== undefined && saved.lastId === now.lastId && saved.count >= now.count;
  }

  private entry(id: string): WorkspaceEntry {
    const entry = this.settings.current.workspaces.find((w) => w.id === id);
    if (!entry) throw new AppError('NOT_FOUND', 'That workspace is not on this laptop (it may have been removed).', 'id');
    return entry;
  }

  private refuseDuplicateName(name: string, except: string | null): void {
    const folded = name.trim().toLocaleLowerCase();
    const taken = this.settings.current.workspaces.some((w) => w.id !== except && w.name.trim().toLocaleLowerCase() === folded);
    if (taken) throw new AppError('CONFLICT', `A workspace named “${name.trim()}” is already on this laptop. Pick another name.`, 'name');
  }

  private addEntry(name: string, kind: WorkspaceEntry['kind']): WorkspaceEntry {
    this.refuseDuplicateName(name, null);
    const entry: WorkspaceEntry = { id: uuidv7(), name, kind, connection: { url: null, tokenCipher: null }, usesDefaultPrimary: false };
    this.settings.update((d) => {
      d.workspaces.push(entry);
    });
    return entry;
  }

  private summary(w: WorkspaceEntry): WorkspaceSummary {
    const core = this.cores.get(w.id);
    return {
      id: w.id,
      name: w.name,
      kind: w.kind,
      current: w.id === this.currentId,
      open: core !== undefined,
      url: w.kind === 'demo' ? null : w.connection.url,
      pending: core ? core.sync.status.pendingChanges : null,
    };
  }

  private changedPayload(id: string) {
    const w = this.entry(id);
    return { id: w.id, name: w.name, kind: w.kind };
  }

  private async info(id: string): Promise<WorkspaceInfo> {
    const result = await this.current.dispatch('workspace.info', {});
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    const info = result.value as WorkspaceInfo;
    if (info.id !== id) throw new Error(`workspace ${id} was asked for, ${info.id} is open`);
    return info;
  }

  private async open(id: string): Promise<Core> {
    const open = this.cores.get(id);
    if (open) {
      this.background.get(id)?.();
      this.background.delete(id);
      return open;
    }
    const core = await this.openCore({
      ...this.options,
      engine: this.engine,
      settings: this.settings,
      workspaceId: id,
      management: workspaceManagementHandlers(this),
      sampleDataInDemoOnly: true,
    });
    this.cores.set(id, core);
    return core;
  }

  /** Route the current Core's events to the renderer, then tell it which workspace it now shows. */
  private attach(core: Core): void {
    this.forward();
    this.forward = core.events.on((event, payload) => this.events.emit(event, payload));
    this.events.emit('workspace.changed', this.changedPayload(this.currentId));
    this.events.emit('sync.statusChanged', core.sync.status);
  }

  /** The workspace just left: closed, unless its sync loop still has edits to push. */
  private async leave(id: string): Promise<void> {
    const core = this.cores.get(id);
    if (!core) return;
    // Local-only (no database to push to) or nothing pending: nothing for a background loop to do.
    const { pendingChanges, state } = core.sync.status;
    if (pendingChanges === 0 || state === 'not_configured') {
      await this.closeCore(id);
      return;
    }
    this.keepInBackground(id, core);
  }

  private keepInBackground(id: string, core: Core): void {
    if (this.background.has(id) || id === this.currentId) return;
    const stop = core.events.on((event, payload) => {
      if (event !== 'sync.statusChanged') return;
      const status = payload as Core['sync']['status'];
      if (status.pendingChanges === 0 && status.state === 'up_to_date') void this.changes.run(() => this.closeIfBackground(id));
    });
    this.background.set(id, stop);
    const limit = this.options.maxBackground ?? MAX_BACKGROUND;
    while (this.background.size > limit) {
      const oldest = this.background.keys().next().value as string;
      void this.changes.run(() => this.closeIfBackground(oldest));
      this.background.get(oldest)?.();
      this.background.delete(oldest);
    }
  }

  private async closeIfBackground(id: string): Promise<void> {
    if (id === this.currentId || this.closed) return;
    await this.closeCore(id);
  }

  private async closeCore(id: string): Promise<void> {
    this.background.get(id)?.();
    this.background.delete(id);
    const core = this.cores.get(id);
    if (!core) return;
    this.cores.delete(id);
    try {
      await core.close();
    } catch (error) {
      core.logger.error(`closing workspace ${id} failed`, error);
    }
  }
}

