import { describe, expect, it } from 'vitest';
import { denyPermissionsByDefault, isPermissionAllowed, type PermissionSession } from '../../../electron/main/permissions.js';

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean;

/** A stand-in for Electron's Session that keeps the handlers it is given. */
function fakeSession() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    setDevicePermissionHandler: (h: () => boolean) => (handlers.device = h),
  };
  return { session: session as unknown as PermissionSession, handlers };
}

const request = (h: RequestHandler, permission: string, url: string, isMainFrame = true) => {
  let granted: boolean | null = null;
  h(null, permission, (g) => (granted = g), { requestingUrl: url, isMainFrame });
  return granted;
};

describe('permissions', () => {
  it('denies every permission request by default', () => {
    const { session, handlers } = fakeSession();
    denyPermissionsByDefault(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'usb', 'serial', 'unknown']) {
      expect(request(handlers.request!, permission, 'app://fieldbook/index.html'), permission).toBe(false);
      expect(handlers.check!(null, permission, 'app://fieldbook', { requestingUrl: 'app://fieldbook/', isMainFrame: true }), permission).toBe(false);
    }
    expect(handlers.device!()).toBe(false);
  });

  it('allows clipboard writes only to the app main frame', () => {
    const { session, handlers } = fakeSession();
    denyPermissionsByDefault(session);
    expect(request(handlers.request!, 'clipboard-sanitized-write', 'app://fieldbook/index.html')).toBe(true);
    expect(request(handlers.request!, 'clipboard-sanitized-write', 'app://fieldbook/index.html', false)).toBe(false);
    expect(request(handlers.request!, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(handlers.check!(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });

  it('isPermissionAllowed refuses look-alike origins', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://fieldbook.evil/', true)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///index.html', true)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'not a url', true)).toBe(false);
  });
});
