import { isAppUrl } from './app-origin.js';

/** The parts of Electron's WebFrameMain the check needs. */
export interface FrameLike {
  url: string;
  parent: FrameLike | null;
}

/** Only the app's own top-level frame may call handlers: no sub-frames, no other origins. */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
