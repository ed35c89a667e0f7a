/**
 * Every permission (microphone, geolocation, notifications, HID…) is denied,
 * except writing to the clipboard from the app's own page, which "Copy
 * diagnostics" needs, and the camera (video only) for the app's own page
 * (camera-permission.ts).
 */
import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';
import { isCameraAllowed } from './camera-permission.js';

const ALLOWED_FOR_APP: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(requestingUrl) && ALLOWED_FOR_APP.includes(permission);
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

export function denyPermissionsByDefault(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? { isMainFrame: details.isMainFrame, mediaTypes: details.mediaTypes } : { isMainFrame: details.isMainFrame };
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame) || isCameraAllowed(permission, details.requestingUrl, media));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    return isPermissionAllowed(permission, url, details.isMainFrame) || isCameraAllowed(permission, url, { isMainFrame: details.isMainFrame, mediaType: details.mediaType });
  });
  session.setDevicePermissionHandler(() => false);
}
