import { describe, expect, it } from 'vitest';
import { denyPermissionsByDefault, type PermissionSession } from '../../../electron/main/permissions.js';

interface RequestDetails {
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: string[];
}
type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: RequestDetails) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean; mediaType?: string }) => boolean;

/** A stand-in for Electron's Session that keeps the handlers it is given. */
function handlersOf() {
  const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    setDevicePermissionHandler: () => undefined,
  };
  denyPermissionsByDefault(session as unknown as PermissionSession);
  return handlers as Required<typeof handlers>;
}

const ask = (h: RequestHandler, details: RequestDetails, permission = 'media') => {
  let granted: boolean | null = null;
  h(null, permission, (g) => (granted = g), details);
  return granted;
};

describe('camera permission', () => {
  it('grants the camera (video only) to the app main frame', () => {
    const { request, check } = handlersOf();
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(check(null, 'media', 'app://fieldbook', { requestingUrl: 'app://fieldbook/', isMainFrame: true, mediaType: 'video' })).toBe(true);
  });

  it('denies the microphone, other origins, subframes and requests that name no media kind', () => {
    const { request, check } = handlersOf();
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true, mediaTypes: [] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true })).toBe(false);
    expect(ask(request, { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook.evil/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(ask(request, { requestingUrl: 'app://fieldbook/index.html', isMainFrame: true, mediaTypes: ['video'] }, 'geolocation')).toBe(false);
    expect(check(null, 'media', 'app://fieldbook', { requestingUrl: 'app://fieldbook/', isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' })).toBe(false);
  });
});
