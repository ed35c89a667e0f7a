/**
 * Unsaved form text, kept on this laptop only: one JSON file in the workspace
 * folder, never a table in the replica (every replica table is pushed to the
 * team). Each save is durable when it returns: write a temp file, fsync, rename
 * over the old one, so a crash leaves the old or the new file, never half of one.
 * The file is private (0600): drafts are what the worker typed, not yet shared.
 */
import fs from 'node:fs/promises';
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Draft, DraftValue } from '../../../../shared/contract/drafts.js';
import { AppError } from '../../../../shared/errors.js';

export const DRAFTS_FILE = 'drafts.local.json';

export interface DraftStoreLimits {
  /** Most drafts kept; past it the least recently saved are dropped (and logged). */
  maxDrafts: number;
  /** Largest file; past it the least recently saved drafts are dropped. */
  maxBytes: number;
}

export const DEFAULT_DRAFT_LIMITS: DraftStoreLimits = { maxDrafts: 300, maxBytes: 4 * 1024 * 1024 };

/** The drafts file could not be read as drafts; it was moved aside and the store started empty. */
export class DraftFileCorrupt extends Error {
  constructor(
    readonly file: string,
    readonly movedTo: string,
    readonly reason: string,
  ) {
    super(`The drafts file ${file} could not be read (${reason}); it was kept as ${movedTo} and drafts start empty.`);
    this.name = 'DraftFileCorrupt';
  }
}

interface DraftFile {
  version: 1;
  drafts: Record<string, Draft>;
}

function isDraft(value: unknown): value is Draft {
  if (!value || typeof value !== 'object') return false;
  const draft = value as Partial<Draft>;
  return (
    typeof draft.savedAt === 'string' &&
    !!draft.value &&
    typeof draft.value === 'object' &&
    !Array.isArray(draft.value) &&
    Object.values(draft.value).every((v) => typeof v === 'string')
  );
}

function parseFile(text: string): Map<string, Draft> {
  const data = JSON.parse(text) as Partial<DraftFile> | null;
  if (!data || data.version !== 1 || !data.drafts || typeof data.drafts !== 'object') throw new Error('not a drafts file of version 1');
  const drafts = new Map<string, Draft>();
  for (const [key, draft] of Object.entries(data.drafts)) {
    if (!isDraft(draft)) throw new Error(`draft ${JSON.stringify(key.slice(0, 60))} is malformed`);
    drafts.set(key, { value: Object.fromEntries(Object.entries(draft.value)), savedAt: draft.savedAt });
  }
  return drafts;
}

export interface DraftStoreOptions {
  limits?: Partial<DraftStoreLimits>;
  now?: () => Date;
  /** Told about a corrupt file moved aside, or drafts dropped to stay within the limits. */
  onProblem?: (message: string, error?: unknown) => void;
}

export class DraftStore {
  readonly file: string;
  private readonly drafts: Map<string, Draft>;
  private readonly limits: DraftStoreLimits;
  private readonly now: () => Date;
  private readonly onProblem: (message: string, error?: unknown) => void;
  /** Writes run one at a time; a save waits for the first write that starts after it. */
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private tempCounter = 0;
  /** Set when the file at start-up was unreadable. */
  readonly recovered: DraftFileCorrupt | null = null;

  constructor(dir: string, options: DraftStoreOptions = {}) {
    this.file = path.join(dir, DRAFTS_FILE);
    this.limits = { ...DEFAULT_DRAFT_LIMITS, ...options.limits };
    this.now = options.now ?? (() => new Date());
    this.onProblem = options.onProblem ?? (() => undefined);
    let text: string | null = null;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === null) {
      this.drafts = new Map();
      return;
    }
    try {
      this.drafts = parseFile(text);
    } catch (error) {
      // Keep the bad file for a look later; losing every draft silently is the worse outcome.
      const movedTo = `${this.file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, movedTo);
      this.recovered = new DraftFileCorrupt(this.file, movedTo, (error as Error).message);
      this.onProblem(this.recovered.message, this.recovered);
      this.drafts = new Map();
    }
  }

  get(key: string): Draft | null {
    const draft = this.drafts.get(key);
    return draft ? { value: { ...draft.value }, savedAt: draft.savedAt } : null;
  }

  keys(): string[] {
    return [...this.drafts.keys()];
  }

  /** Durable when the promise resolves. */
  async save(key: string, value: DraftValue): Promise<Draft> {
    const draft: Draft = { value: Object.fromEntries(Object.entries(value)), savedAt: this.now().toISOString() };
    const previous = this.drafts.get(key);
    // Re-insert so Map order is "least recently saved first", which eviction relies on.
    this.drafts.delete(key);
    this.drafts.set(key, draft);
    try {
      this.enforceLimits(key);
    } catch (error) {
      if (previous) this.drafts.set(key, previous);
      throw error;
    }
    await this.persist();
    return { value: { ...draft.value }, savedAt: draft.savedAt };
  }

  async discard(key: string): Promise<boolean> {
    if (!this.drafts.delete(key)) return false;
    await this.persist();
    return true;
  }

  /** Resolves once every change made so far is on disk. */
  async idle(): Promise<void> {
    await this.chain;
  }

  private serialize(): string {
    const file: DraftFile = { version: 1, drafts: Object.fromEntries(this.drafts) };
    return JSON.stringify(file);
  }

  private enforceLimits(keep: string): void {
    const dropped: string[] = [];
    const overCount = () => this.drafts.size > this.limits.maxDrafts;
    const overBytes = () => Buffer.byteLength(this.serialize()) > this.limits.maxBytes;
    while ((overCount() || overBytes()) && this.drafts.size > 1) {
      const oldest = [...this.drafts.keys()].find((k) => k !== keep);
      if (oldest === undefined) break;
      this.drafts.delete(oldest);
      dropped.push(oldest);
    }
    if (dropped.length > 0) this.onProblem(`drafts over the limit: dropped the ${dropped.length} least recently saved (${dropped.join(', ')})`);
    if (overBytes()) {
      this.drafts.delete(keep);
      throw new AppError('STORAGE_FAILED', 'This draft is too large to keep on this laptop; save or shorten it.');
    }
  }

  private persist(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(async () => {
      // From here on, changes wait for the next write: this one takes its snapshot now.
      this.queued = null;
      await this.writeFile(this.serialize());
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      throw new AppError('STORAGE_FAILED', `Your unsaved text could not be kept on this laptop: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    });
  }

  private async writeFile(text: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${++this.tempCounter}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, this.file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    // The rename itself must survive a power cut: sync the folder (not possible on Windows).
    if (process.platform !== 'win32') {
      const dir = await fs.open(path.dirname(this.file), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    }
  }
}
