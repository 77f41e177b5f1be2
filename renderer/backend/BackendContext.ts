/** Hands the one backend to components without a module-level singleton (tests can supply their own). */
import { createContext, useContext } from 'react';
import type { KilnBackend } from './KilnBackend';

export const BackendContext = createContext<KilnBackend | null>(null);

export function useBackend(): KilnBackend {
  const backend = useContext(BackendContext);
  if (backend === null) throw new Error('useBackend outside BackendContext');
  return backend;
}
