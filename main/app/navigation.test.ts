import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from './csp';
import {
  decidePermission,
  decideWindowOpen,
  hardenSession,
  hardenWebContents,
  isAllowedNavigation,
  shouldAddCspHeader,
  shouldBlockRendererRequest,
} from './navigation';
import { APP_ORIGIN } from './protocol';

const hostile = [
  'https://evil.example/',
  'http://localhost:8080/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file:///opt/kiln/resources/app.asar/dist/renderer/index.html',
  'about:blank',
  'kiln://evil/index.html',
  'kiln://app.evil.example/index.html',
  'kiln://user@app/index.html',
  'KILN-other://app/',
  'not a url',
];

describe('isAllowedNavigation', () => {
  it('allows pages of the app origin', () => {
    expect(isAllowedNavigation('kiln://app/index.html', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('kiln://app/index.html#/profiles/3', APP_ORIGIN)).toBe(true);
  });

  it('denies everything else: the web, javascript:, data:, file:, other kiln hosts', () => {
    for (const url of hostile) expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('denies every new window, including the app origin', () => {
    for (const url of ['kiln://app/index.html', ...hostile]) expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });
});

describe('decidePermission', () => {
  it('denies every permission by default', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'clipboard-read',
    ]) {
      expect(decidePermission(permission), permission).toBe(false);
    }
  });

  it('grants only what an explicit allowlist names', () => {
    expect(decidePermission('fullscreen', new Set(['fullscreen']))).toBe(true);
    expect(decidePermission('media', new Set(['fullscreen']))).toBe(false);
  });
});

describe('shouldBlockRendererRequest', () => {
  it('keeps renderers off the network and file://', () => {
    for (const url of ['https://evil.example/x.js', 'http://127.0.0.1:9/', 'wss://x/', 'file:///etc/passwd']) {
      expect(shouldBlockRendererRequest({ url, webContentsId: 1 }), url).toBe(true);
    }
  });

  it('lets the app scheme, data:, blob: and DevTools through', () => {
    for (const url of [
      'kiln://app/assets/main.js',
      'data:image/png;base64,AA==',
      'blob:kiln://app/1',
      'devtools://devtools/x',
    ]) {
      expect(shouldBlockRendererRequest({ url, webContentsId: 1 }), url).toBe(false);
    }
  });

  it('leaves main-process requests (no web contents) alone', () => {
    expect(shouldBlockRendererRequest({ url: 'https://s3.amazonaws.com/b/k' })).toBe(false);
  });
});

describe('shouldAddCspHeader', () => {
  it('adds the CSP everywhere except Chromium internal pages', () => {
    expect(shouldAddCspHeader('kiln://app/index.html')).toBe(true);
    expect(shouldAddCspHeader('https://evil.example/')).toBe(true);
    expect(shouldAddCspHeader('devtools://devtools/bundled/devtools_app.html')).toBe(false);
  });
});

/** FAKE WebContents: records listeners and the window-open handler (no Electron binary in unit tests). */
function fakeWebContents() {
  const listeners = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on(name: string, listener: (event: { url: string; preventDefault(): void }) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string): boolean => {
    const preventDefault = vi.fn();
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContents,
    listeners,
    fire,
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('hardenWebContents', () => {
  it('prevents off-origin navigation and redirects, in every frame', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, APP_ORIGIN);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fake.fire(name, 'https://evil.example/'), name).toBe(true);
      expect(fake.fire(name, 'javascript:alert(1)'), name).toBe(true);
      expect(fake.fire(name, 'kiln://app/index.html'), name).toBe(false);
    }
  });

  it('denies window.open and webview attachment', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, APP_ORIGIN);
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.fire('will-attach-webview', 'kiln://app/index.html')).toBe(true);
  });
});

describe('hardenSession', () => {
  /** FAKE Session: captures the handlers hardenSession installs. */
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const capture = (name: string) => (handler: (...args: never[]) => unknown) => {
      handlers[name] = handler;
    };
    const session = {
      setPermissionRequestHandler: capture('request'),
      setPermissionCheckHandler: capture('check'),
      setDevicePermissionHandler: capture('device'),
      webRequest: { onHeadersReceived: capture('headers'), onBeforeRequest: capture('before') },
    };
    return {
      session: session as unknown as Session,
      handlers: handlers as Record<string, (...args: unknown[]) => unknown>,
    };
  }

  it('denies permission requests, checks and devices', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    const callback = vi.fn();
    handlers['request']?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(handlers['check']?.({}, 'notifications', 'kiln://app', {})).toBe(false);
    expect(handlers['device']?.({})).toBe(false);
  });

  it('sets the CSP response header and cancels renderer network requests', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    const headers = vi.fn();
    handlers['headers']?.(
      { url: 'kiln://app/index.html', responseHeaders: { 'content-security-policy': ['x'] } },
      headers,
    );
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [RENDERER_CSP] } });

    const before = vi.fn();
    handlers['before']?.({ url: 'https://evil.example/', webContentsId: 1 }, before);
    expect(before).toHaveBeenCalledWith({ cancel: true });
  });
});
