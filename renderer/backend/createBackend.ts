/** Picks the transport: the preload's bridge inside Electron, HTTP in a browser. */
import { createElectronBackend } from './electronBackend';
import { createHttpBackend } from './httpBackend';
import type { KilnBackend } from './KilnBackend';
import { consumeSessionToken } from './sessionToken';

export function createBackend(): KilnBackend {
  const bridge = window.kiln;
  if (bridge) return createElectronBackend(bridge);
  return createHttpBackend(consumeSessionToken());
}
