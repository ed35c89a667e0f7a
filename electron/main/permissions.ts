/**
 * Every permission (camera, geolocation, notifications, HID…) is denied,
 * except writing to the clipboard from the app's own page, which "Copy
 * diagnostics" needs.
 */
import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';

const ALLOWED_FOR_APP: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(requestingUrl) && ALLOWED_FOR_APP.includes(permission);
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

export function denyPermissionsByDefault(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    return isPermissionAllowed(permission, url, details.isMainFrame);
  });
  session.setDevicePermissionHandler(() => false);
}
