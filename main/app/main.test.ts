import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS } from '../../shared/ipc/contract';

/**
 * MOCKS: the electron module (no Electron binary in unit tests) and the runtime
 * (no database). They record what main.ts does at startup and quit.
 */
const mocks = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];
  class BrowserWindow {
    static getAllWindows = () => windows;
    readonly webContents = { id: 11 };
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
  }
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
  };
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: vi.fn(),
      commandLine: { hasSwitch: vi.fn((_name: string) => false) },
      setPath: vi.fn(),
      getPath: vi.fn((name: string) => (name === 'appData' ? '/home/me/.config' : '/home/me/.config/Kiln')),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(async () => undefined),
      on: vi.fn((name: string, listener: (...args: unknown[]) => void) => appListeners.set(name, listener)),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: session },
  };
  const runtime = { services: {}, close: vi.fn(async () => undefined) };
  const openKiln = vi.fn(async (_options: { dbPath: string }) => runtime);
  return { electron, appListeners, windows, session, runtime, openKiln };
});
vi.mock('electron', () => ({ ...mocks.electron, default: mocks.electron }));
vi.mock('../services/runtime', () => ({ openKiln: mocks.openKiln }));

async function startMain(): Promise<void> {
  await import('./main');
  await vi.waitFor(() => expect(mocks.windows.length).toBe(1));
}

describe('main.ts (Electron entry, with electron mocked)', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    mocks.appListeners.clear();
    mocks.windows.length = 0;
    vi.stubEnv('KILN_DB', '');
    // Keep main.ts from installing real SIGINT/SIGTERM handlers in the test process.
    vi.spyOn(process, 'on').mockImplementation(() => process);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('registers the privileged kiln scheme and enables the sandbox before the app is ready', async () => {
    await startMain();
    const { app, protocol } = mocks.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'kiln', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const registered = protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    expect(registered).toBeLessThan(app.whenReady.mock.invocationCallOrder[0] ?? -Infinity);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.setPath).toHaveBeenCalledWith('userData', expect.stringMatching(/Kiln$/));
  });

  it('hardens the session, serves kiln://, opens the runtime, registers IPC, then loads the app page', async () => {
    await startMain();
    const { protocol, ipcMain } = mocks.electron;
    expect(mocks.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(mocks.session.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(protocol.handle).toHaveBeenCalledWith('kiln', expect.any(Function));
    expect(mocks.openKiln).toHaveBeenCalledWith({ dbPath: expect.stringMatching(/Kiln[/\\]kiln\.db$/) });
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual([
      ...IPC_METHODS.map((m) => `kiln:${m}`),
      'kiln:fileHandle',
      'kiln:importHandles',
    ]);
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel)).not.toContain('kiln:importPaths');
    const [win] = mocks.windows;
    const prefs = win?.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['contextIsolation']).toBe(true);
    expect(String(prefs['preload'])).toMatch(/preload\.cjs$/);
    // app.isPackaged is true in this mock: a packaged build has no DevTools.
    expect(prefs['devTools']).toBe(false);
    // …and its menu is Kiln's, without View → Toggle Developer Tools (app-menu.ts).
    expect(mocks.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(win?.loadURL).toHaveBeenCalledWith('kiln://app/index.html');
    expect(mocks.appListeners.has('web-contents-created')).toBe(true);
  });

  it('keeps DevTools in an unpackaged (development) run', async () => {
    mocks.electron.app.isPackaged = false;
    try {
      await startMain();
      const prefs = mocks.windows[0]?.options['webPreferences'] as Record<string, unknown>;
      expect(prefs['devTools']).toBe(true);
      expect(mocks.electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
    } finally {
      mocks.electron.app.isPackaged = true;
    }
  });

  it('leaves userData alone when --user-data-dir is given', async () => {
    mocks.electron.app.commandLine.hasSwitch.mockImplementation((name: string) => name === 'user-data-dir');
    await startMain();
    expect(mocks.electron.app.setPath).not.toHaveBeenCalled();
    mocks.electron.app.commandLine.hasSwitch.mockImplementation(() => false);
  });

  it('uses KILN_DB when set', async () => {
    vi.stubEnv('KILN_DB', '/tmp/other.db');
    await startMain();
    expect(mocks.openKiln).toHaveBeenCalledWith({ dbPath: '/tmp/other.db' });
  });

  it('closes the runtime and removes the IPC handlers before quitting', async () => {
    await startMain();
    const willQuit = mocks.appListeners.get('will-quit');
    const event = { preventDefault: vi.fn() };
    willQuit?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(mocks.electron.ipcMain.removeHandler).toHaveBeenCalledTimes(IPC_METHODS.length + 2);
    await vi.waitFor(() => expect(mocks.electron.app.quit).toHaveBeenCalled());
    expect(mocks.runtime.close).toHaveBeenCalledTimes(1);

    // The second will-quit (from that app.quit) lets the app exit.
    const second = { preventDefault: vi.fn() };
    willQuit?.(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(mocks.runtime.close).toHaveBeenCalledTimes(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    mocks.electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('./main');
    expect(mocks.electron.app.quit).toHaveBeenCalled();
    expect(mocks.openKiln).not.toHaveBeenCalled();
  });
});
