/**
 * The one BrowserWindow's options. Pure: main.ts passes the preload path.
 * Every security-relevant webPreference is spelled out, even where it matches
 * Electron's default, so a test (and a reviewer) can see it.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/main/preload.cjs). */
  preloadPath: string;
  /** False in packaged builds (main.ts passes !app.isPackaged): no DevTools by menu, shortcut or API. */
  devTools: boolean;
}

/** Matches the renderer's dark background, so nothing flashes before the first paint. */
export const WINDOW_BACKGROUND = '#1b1d23';

export function createWindowOptions({ preloadPath, devTools }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Kiln',
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show' to avoid a blank frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // With devTools false, openDevTools() and the default menu's "Toggle Developer Tools" (and its
      // shortcut) do nothing: a packaged build gives no console to run code in the page with.
      devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
