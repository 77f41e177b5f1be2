/**
 * Electron main-process entry (bundled to dist/main/electron.cjs; __dirname is dist/main).
 *
 * Startup: register the kiln:// scheme → single-instance lock → (ready) harden the
 * session, serve dist/renderer on kiln://app, open the runtime (store + services),
 * register IPC, open the window. Quit: remove IPC handlers, close the runtime, exit.
 *
 * Security settings (window options, navigation, permissions, CSP, IPC sender
 * checks) follow https://www.electronjs.org/docs/latest/tutorial/security.
 * DO NOT loosen them without reading it; unit tests pin each one.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { APP_NAME, defaultDbPath } from '../config/paths';
import { openKiln, type KilnRuntime } from '../services/runtime';
import { FileHandleRegistry } from './file-handles';
import { registerIpc } from './ipc';
import { hardenSession, hardenWebContents } from './navigation';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createWindowOptions } from './window-options';
import { appMenuTemplate } from './app-menu';
import { electronSqliteBinding } from './sqlite-binding';

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let runtime: KilnRuntime | null = null;
let mainWindow: BrowserWindow | null = null;
let unregisterIpc: (() => void) | null = null;
let quitting = false;
/** Files the user dropped or opened, by window: the renderer imports them by handle, never by path. */
const fileHandles = new FileHandleRegistry();

// Before 'ready': the scheme must be privileged to get an origin, module scripts and a secure context.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer sandboxed, whatever options a future window passes.
app.enableSandbox();
// userData (and so the default database) is <appData>/Kiln in development and when packaged alike,
// the same folder main/config/paths.ts gives the CLI and `kiln serve`. An explicit
// --user-data-dir (tests, a second profile) wins.
if (!app.commandLine.hasSwitch('user-data-dir')) app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(createWindowOptions({ preloadPath, devTools: !app.isPackaged }));
  // Read now: webContents is gone by 'closed'.
  const contentsId = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    fileHandles.forget(contentsId);
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`kiln: could not load ${APP_ENTRY_URL}:`, error);
  });
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const menu = appMenuTemplate(app.isPackaged, process.platform);
  if (menu !== null) Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

  // KILN_DB overrides (defaultDbPath reads it).
  const opened = await openKiln({
    dbPath: defaultDbPath(app.getPath('userData')),
    sqliteBinding: electronSqliteBinding(),
  });
  if (quitting) {
    await opened.close();
    return;
  }
  runtime = opened;
  unregisterIpc = registerIpc(ipcMain, {
    services: runtime.services,
    fileHandles,
    expectedSender: () =>
      mainWindow !== null && !mainWindow.isDestroyed()
        ? { appOrigin: APP_ORIGIN, webContentsId: mainWindow.webContents.id }
        : null,
  });
  mainWindow = createWindow();
}

// Every web contents (the window, DevTools, anything a page might try to open) gets the navigation rules.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_ORIGIN));

if (!app.requestSingleInstanceLock()) {
  // Another Kiln owns the database; it focuses its window ('second-instance' below).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (runtime !== null && mainWindow === null) mainWindow = createWindow();
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  // Close the store before exiting: wait for the runtime, then quit for real.
  app.on('will-quit', (event) => {
    quitting = true;
    unregisterIpc?.();
    unregisterIpc = null;
    const closing = runtime;
    if (closing === null) return;
    runtime = null;
    event.preventDefault();
    void closing
      .close()
      .catch((error: unknown) => console.error('kiln: error while closing the store:', error))
      .finally(() => app.quit());
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('kiln: could not start:', error);
    dialog.showErrorBox('Kiln could not start', message);
    app.exit(1);
  });
}
