/** The list of imported profiles, as last fetched from the backend. */
import { create } from 'zustand';
import type { ItemSummary } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

interface CatalogueState {
  profiles: ItemSummary[];
  loaded: boolean;
  error: string | null;
  refresh(backend: KilnBackend): Promise<void>;
}

export const useCatalogueStore = create<CatalogueState>((set) => ({
  profiles: [],
  loaded: false,
  error: null,
  async refresh(backend) {
    try {
      const profiles = await backend.listItems({});
      set({ profiles, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },
}));
