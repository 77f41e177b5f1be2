/**
 * The API the Electron preload exposes as `window.kiln` through contextBridge:
 * every contract method, plus a way to learn where a dropped file lives on disk
 * (Electron's webUtils.getPathForFile; File.path no longer exists).
 */
import type { KilnServices } from '../../shared/ipc/contract';

export interface KilnBridge extends KilnServices {
  /** Absolute path of a file the user dropped or chose; '' when it has none (e.g. made in the page). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    readonly kiln?: KilnBridge;
  }
}
