/**
 * The API the Electron preload exposes as `window.kiln` through contextBridge:
 * every IPC method (the contract's but importPaths), plus an opaque handle for a
 * file the user dropped or opened and the import of such handles: the page
 * never learns or names a path (shared/ipc/contract.ts KilnBridge).
 */
import type { KilnBridge as ContractBridge } from '../../shared/ipc/contract';

export type KilnBridge = ContractBridge<File>;

declare global {
  interface Window {
    /** Present only inside the Electron app. */
    readonly kiln?: KilnBridge;
  }
}
