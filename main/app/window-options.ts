/**
 * The one BrowserWindow's options. Pure: main.ts passes the preload path.
 * Every security-relevant webPreference is spelled out, even where it matches
 * Electron's default, so a test (and a reviewer) can see it.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/main/preload.cjs). */
  preloadPath: string;
}

/** Matches the renderer's dark background, so nothing flashes before the first paint. */
export const WINDOW_BACKGROUND = '#1b1d23';

export function createWindowOptions({ preloadPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
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
