/**
 * An engine host process started ahead of time, idle until a workspace opens.
 * Starting a host (a process, the script, the engine's native module) is the
 * largest single step of opening a workspace, and it depends on nothing about
 * the workspace: the WorkspaceManager keeps one spare waiting, and the next
 * Core's engine takes it and sends it the workspace's path (its `open` call),
 * as it would a host it had just started. The spare holds no file until then;
 * it costs one idle process (about 80 MB resident here, most of it shared code).
 */
import { engineHostScript, nodeEngineSpawner, type EngineChannel, type EngineSpawner } from './channel.js';

/** A host that was started ahead of time: its channel, and whether it said it is ready (or ended first). */
export interface WarmHost {
  channel: EngineChannel;
  /** True once the host said 'ready'; false when it ended before. */
  ready: Promise<boolean>;
}

interface Waiting extends WarmHost {
  ended: boolean;
}

export class SpareHost {
  private waiting: Waiting | null = null;
  private wanted = false;
  private closed = false;

  constructor(
    readonly spawn: EngineSpawner = nodeEngineSpawner,
    readonly script: string = engineHostScript(),
  ) {}

  /** Starts one idle host unless one is waiting already; from now on each one taken starts the next. */
  warm(): void {
    this.wanted = true;
    if (this.closed || (this.waiting && !this.waiting.ended)) return;
    const channel = this.spawn(this.script);
    let settle!: (ready: boolean) => void;
    const spare: Waiting = { channel, ended: false, ready: new Promise<boolean>((resolve) => (settle = resolve)) };
    channel.onMessage((message) => {
      if (message.kind === 'ready') settle(true);
    });
    // One that dies idle is not replaced here (a host that cannot start must not loop): the next take starts one.
    channel.onExit(() => {
      spare.ended = true;
      settle(false);
      if (this.waiting === spare) this.waiting = null;
    });
    this.waiting = spare;
  }

  /**
   * The waiting host (ready, or still starting), or null when there is none; it is the caller's from
   * here on. Once warm() was called, the next one starts at once, so a quick switch back finds one too.
   */
  take(): WarmHost | null {
    const spare = this.waiting;
    this.waiting = null;
    if (this.wanted) this.warm();
    if (!spare || spare.ended) return null;
    return { channel: spare.channel, ready: spare.ready };
  }

  /** Stops the waiting host; no new one is started after this. */
  close(): void {
    this.closed = true;
    this.waiting?.channel.kill();
    this.waiting = null;
  }
}
