/**
 * Navigation, window-open, webview, permission and network hardening
 * (Electron security checklist #5, #7, #12, #13, #14).
 *
 * The decisions are pure functions; `hardenWebContents` and `hardenSession`
 * attach them to objects main.ts passes in. Only electron *types* are imported,
 * so this module (and its tests) run under plain Node.
 */
import type { Session, WebContents } from 'electron';
import { RENDERER_CSP, withCspHeader } from './csp';
import { originOf } from './protocol';

/** A frame may only ever show pages of the app's own origin (kiln://app). */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/** window.open, target=_blank and friends never create a window. */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permissions the renderer may use. Empty: Kiln needs no camera, notifications, geolocation, … */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function decidePermission(permission: string, allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS): boolean {
  return allowed.has(permission);
}

const NETWORK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * The renderer reaches nothing outside kiln:// (plus data:/blob: it makes
 * itself): a request from a web contents to the network or to file:// is
 * cancelled. Requests without a webContentsId come from the main process's
 * own `net` use and are left alone.
 */
export function shouldBlockRendererRequest(details: { url: string; webContentsId?: number }): boolean {
  if (details.webContentsId === undefined) return false;
  let protocol: string;
  try {
    protocol = new URL(details.url).protocol;
  } catch {
    return true;
  }
  return NETWORK_PROTOCOLS.has(protocol);
}

const BROWSER_INTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['devtools:', 'chrome:', 'chrome-extension:']);

/**
 * The CSP header goes on every response except Chromium's own pages (DevTools),
 * which carry their own policy and would break under the renderer's.
 */
export function shouldAddCspHeader(url: string): boolean {
  try {
    return !BROWSER_INTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/** Attaches the navigation rules to a web contents (call from app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies permissions and device access, adds the CSP header, keeps renderers off the network. */
export function hardenSession(ses: Session, csp: string = RENDERER_CSP): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!shouldAddCspHeader(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: shouldBlockRendererRequest(details) });
  });
}
