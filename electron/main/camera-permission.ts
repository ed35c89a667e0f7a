/**
 * The camera, for "Take photo": allowed only to the app's own main frame and
 * only for video (never the microphone). The page asks only when the worker
 * presses the button; every other page, frame and media kind stays denied.
 */
import { isAppUrl } from './app-origin.js';

export interface MediaDetails {
  isMainFrame: boolean;
  /** Request handler: the kinds asked for. */
  mediaTypes?: readonly string[];
  /** Check handler: the one kind checked. */
  mediaType?: string;
}

export function isCameraAllowed(permission: string, requestingUrl: string, details: MediaDetails): boolean {
  if (permission !== 'media' || !details.isMainFrame || !isAppUrl(requestingUrl)) return false;
  if (details.mediaTypes !== undefined) return details.mediaTypes.length > 0 && details.mediaTypes.every((kind) => kind === 'video');
  return details.mediaType === 'video';
}
