/**
 * The catalogue-wide function search: what is typed in the box and the hits
 * for it. Answers to an older query are dropped, so a slow answer never
 * replaces the hits of what the user has typed since.
 */
import { create } from 'zustand';
import type { FunctionSearchHit } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

/** Hits asked for: a screenful and more; the contract allows up to 1000. */
export const CATALOGUE_SEARCH_LIMIT = 50;

/** The contract's longest query (CONTRACT_LIMITS.maxSearchQueryLength); the box takes no more. */
export const CATALOGUE_SEARCH_MAX_LENGTH = 256;

interface CatalogueSearchState {
  /** The text in the box. */
  query: string;
  /** The query the hits (or the error) belong to; '' when nothing was searched. */
  searchedQuery: string;
  hits: FunctionSearchHit[];
  /** A search is running for `query`. */
  loading: boolean;
  error: string | null;
  setQuery(query: string): void;
  /** Searches for `query` (trimmed); blank text clears the hits without asking the backend. */
  search(backend: KilnBackend, query: string): Promise<void>;
}

// Every search takes a number; only the latest one's answer is kept.
let latestSearch = 0;

export const useCatalogueSearchStore = create<CatalogueSearchState>((set) => ({
  query: '',
  searchedQuery: '',
  hits: [],
  loading: false,
  error: null,
  setQuery: (query) => set({ query }),
  async search(backend, query) {
    const ticket = ++latestSearch;
    const trimmed = query.trim();
    if (trimmed === '') {
      set({ searchedQuery: '', hits: [], loading: false, error: null });
      return;
    }
    set({ loading: true });
    try {
      const hits = await backend.searchFunctions({ query: trimmed, limit: CATALOGUE_SEARCH_LIMIT });
      if (ticket === latestSearch) set({ searchedQuery: trimmed, hits, loading: false, error: null });
    } catch (error) {
      if (ticket === latestSearch)
        set({ searchedQuery: trimmed, hits: [], loading: false, error: errorMessage(error) });
    }
  },
}));
