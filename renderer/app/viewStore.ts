/**
 * What the user is looking at: the selection (catalogue items, or a service's window), its sample type, the flame graph's zoom, search,
 * orientation and colours, the stack filters and the view mode (top-down, inverted, sandwich, table). Filters,
 * view mode, the sandwich function and the orientation, with the selection and sample type, are mirrored in the page URL (see urlSync.ts), so a view
 * reopens exactly.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { DiffMode, DiffTreeLayout } from '../../shared/ipc/contract';
import type { StackFilter } from '../../shared/query/filters';
import type { FlameOrientation } from '../profile/flame/view';
import { DEFAULT_URL_VIEW_STATE, type UrlViewState, type UserFilter, type ViewMode } from './viewUrl';

/** How flame frames are coloured: by their package (with a legend), or a warm hue per function. */
export type FlameColorMode = 'package' | 'function';

interface ViewState extends Omit<UrlViewState, 'selection' | 'sampleType' | 'base' | 'diffMode' | 'diffLayout'> {
  orientation: FlameOrientation;
  colorMode: FlameColorMode;
  /** The table view shows the bottom-up (inverted) tree instead of the top-down one. */
  tableBottomUp: boolean;
  /** What every stacks query reads; null before the user picks anything. */
  selection: Selection | null;
  /** Position in the first selected item's sample types. */
  sampleType: number;
  /** The comparison's baseline A, or null: with one, the views compare the selection (B) with it. */
  base: Selection | null;
  /** The comparison's mode; null lets the service choose (per second when the sides' lengths differ). */
  diffMode: DiffMode | null;
  diffLayout: DiffTreeLayout;
  setBase(base: Selection | null): void;
  setDiffMode(mode: DiffMode | null): void;
  setDiffLayout(layout: DiffTreeLayout): void;
  /** Flame tree node that fills the width; 0 (the root) when not zoomed. */
  zoomNode: number;
  searchQuery: string;
  /** Selects one catalogue item with its default sample type. */
  selectItem(id: number, defaultSampleType: number): void;
  setSelection(selection: Selection, sampleType: number): void;
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
  /** Replaces filters, view mode, sandwich function and, when the URL has them, selection and sample type. */
  restoreUrlState(state: UrlViewState): void;
}

export const useViewStore = create<ViewState>((set) => ({
  selection: null,
  sampleType: 0,
  base: null,
  diffMode: null,
  diffLayout: 'target',
  setBase: (base) => set({ base, zoomNode: 0 }),
  setDiffMode: (diffMode) => set({ diffMode }),
  setDiffLayout: (diffLayout) => set({ diffLayout, zoomNode: 0 }),
  zoomNode: 0,
  searchQuery: '',
  ...DEFAULT_URL_VIEW_STATE,
  orientation: 'icicle',
  colorMode: 'package',
  tableBottomUp: false,
  // Zoom is a node index of one tree, meaningless in another: a new tree starts unzoomed.
  // The search query and filters are kept, since looking at one function across profiles is common.
  selectItem: (id, defaultSampleType) =>
    set({ selection: { items: [id] }, sampleType: defaultSampleType, zoomNode: 0 }),
  setSelection: (selection, sampleType) => set({ selection, sampleType, zoomNode: 0 }),
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
  restoreUrlState: ({ filters, viewMode, sandwichFunction, orientation, selection, sampleType, ...diff }) =>
    set({
      filters,
      viewMode,
      sandwichFunction,
      orientation: orientation ?? 'icicle',
      zoomNode: 0,
      base: diff.base ?? null,
      diffMode: diff.diffMode ?? null,
      diffLayout: diff.diffLayout ?? 'target',
      ...(selection === undefined ? {} : { selection, sampleType: sampleType ?? 0 }),
    }),
}));

/** The ids a selection lists (a catalogue row is highlighted when its id is among them); [] for a service's window. */
export function selectedIds(selection: Selection | null): readonly number[] {
  return selection !== null && 'items' in selection ? selection.items : [];
}

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
