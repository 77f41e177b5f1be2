/**
 * What the user is looking at: the selected profile, its sample type, the flame graph's zoom, search,
 * orientation and colours, the stack filters and the view mode (top-down, inverted, sandwich, table). Filters,
 * view mode, the sandwich function and the orientation are mirrored in the page URL (see urlSync.ts).
 */
import { create } from 'zustand';
import type { StackFilter } from '../../shared/query/filters';
import type { FlameOrientation } from '../flame/view';
import { DEFAULT_URL_VIEW_STATE, type UrlViewState, type UserFilter, type ViewMode } from './viewUrl';

/** How flame frames are coloured: by their package (with a legend), or a warm hue per function. */
export type FlameColorMode = 'package' | 'function';

interface ViewState extends UrlViewState {
  orientation: FlameOrientation;
  colorMode: FlameColorMode;
  /** The table view shows the bottom-up (inverted) tree instead of the top-down one. */
  tableBottomUp: boolean;
  selectedProfileId: number | null;
  sampleType: number;
  /** Flame tree node that fills the width; 0 (the root) when not zoomed. */
  zoomNode: number;
  searchQuery: string;
  selectProfile(profileId: number, defaultSampleType: number): void;
  setSampleType(sampleType: number): void;
  zoomTo(node: number): void;
  resetZoom(): void;
  setSearchQuery(query: string): void;
  addFilter(filter: UserFilter): void;
  removeFilter(index: number): void;
  setViewMode(viewMode: ViewMode): void;
  setOrientation(orientation: FlameOrientation): void;
  setColorMode(colorMode: FlameColorMode): void;
  setTableBottomUp(bottomUp: boolean): void;
  /** Shows the sandwich view of a function. */
  showSandwich(functionName: string): void;
  /** Replaces filters, view mode and sandwich function (start-up from the URL). */
  restoreUrlState(state: UrlViewState): void;
}

export const useViewStore = create<ViewState>((set) => ({
  selectedProfileId: null,
  sampleType: 0,
  zoomNode: 0,
  searchQuery: '',
  ...DEFAULT_URL_VIEW_STATE,
  orientation: 'icicle',
  colorMode: 'package',
  tableBottomUp: false,
  // Zoom is a node index of one tree, meaningless in another: a new tree starts unzoomed.
  // The search query and filters are kept, since looking at one function across profiles is common.
  selectProfile: (profileId, defaultSampleType) =>
    set({ selectedProfileId: profileId, sampleType: defaultSampleType, zoomNode: 0 }),
  setSampleType: (sampleType) => set({ sampleType, zoomNode: 0 }),
  zoomTo: (node) => set({ zoomNode: node }),
  resetZoom: () => set({ zoomNode: 0 }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  addFilter: (filter) =>
    set((s) => ({ filters: [...s.filters, filter], zoomNode: 0, ...leaveSandwichOnGranularityChange(s, filter) })),
  removeFilter: (index) =>
    set((s) => {
      const removed = s.filters[index];
      return {
        filters: s.filters.filter((_, i) => i !== index),
        zoomNode: 0,
        ...(removed ? leaveSandwichOnGranularityChange(s, removed) : {}),
      };
    }),
  setViewMode: (viewMode) => set({ viewMode, zoomNode: 0 }),
  // Orientation and colours only change how the same tree is drawn: the zoom stays.
  setOrientation: (orientation) => set({ orientation }),
  setColorMode: (colorMode) => set({ colorMode }),
  setTableBottomUp: (tableBottomUp) => set({ tableBottomUp, zoomNode: 0 }),
  showSandwich: (functionName) => set({ sandwichFunction: functionName, viewMode: 'sandwich' }),
  restoreUrlState: ({ filters, viewMode, sandwichFunction, orientation }) =>
    set({ filters, viewMode, sandwichFunction, orientation: orientation ?? 'icicle', zoomNode: 0 }),
}));

/** Whether the main tree is the bottom-up one: the inverted view, or the table switched to bottom-up. */
export function showsInvertedTree(viewMode: ViewMode, tableBottomUp: boolean): boolean {
  return viewMode === 'inverted' || (viewMode === 'table' && tableBottomUp);
}

/** The filters the main flame graph is fetched with: inverted adds a trailing invert. */
export function flameFilters(filters: readonly UserFilter[], viewMode: ViewMode): StackFilter[] {
  return viewMode === 'inverted' ? [...filters, { kind: 'invert' }] : [...filters];
}

/**
 * Merging by line renames nodes ("main.work" becomes "main.work:42"), so a sandwich of a function named under the
 * other granularity would find nothing: switching granularity leaves the sandwich for the top-down view.
 */
function leaveSandwichOnGranularityChange(
  state: Pick<ViewState, 'viewMode'>,
  changed: UserFilter,
): Partial<Pick<ViewState, 'viewMode' | 'sandwichFunction'>> {
  if (changed.kind !== 'lines' || state.viewMode !== 'sandwich') return {};
  return { viewMode: 'top-down', sandwichFunction: null };
}
