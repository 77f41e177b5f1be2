/**
 * The API the Electron preload exposes as `window.kiln` through contextBridge:
 * every contract method, plus a way to learn where a dropped file lives on disk
 * (Electron's webUtils.getPathForFile; File.path no longer exists).
 */
import type { KilnBridge as ContractBridge } from '../../shared/ipc/contract';

export type KilnBridge = ContractBridge<File>;

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    readonly kiln?: KilnBridge;
  }
}
