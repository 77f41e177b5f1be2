/**
 * The data of the Snapshots tab: the comparison of the selection's heap snapshots (getHeapDiff), and one snapshot's
 * dominator tree, fetched one level per expanded node (getDominatorTree). Answers to an older request are dropped
 * (charts/requestStore), so clicking through selections never shows one comparison under another's name.
 */
import { create } from 'zustand';
import type { DominatorChildren, HeapDiff } from '../../shared/ipc/memory-contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';
import { errorMessage } from '../backend/KilnBackend';

/** Classes the comparison lists: the growers worth reading, and the table stays quick to sort. */
export const HEAP_DIFF_LIMIT = 200;
/** Children per dominator-tree level; the rest is one "N more" row. */
export const DOMINATOR_LIMIT = 20;

interface HeapDiffState {
  key: string | null;
  diff: HeapDiff | null;
  error: string | null;
  load(backend: KilnBackend, itemIds: readonly number[]): Promise<void>;
}

export const useHeapDiffStore = create<HeapDiffState>((set, get) => ({
  key: null,
  diff: null,
  error: null,
  async load(backend, itemIds) {
    const request = beginKeyedRequest(get, set, itemIds.join(','), { diff: null });
    await request?.deliver(
      () => backend.getHeapDiff({ itemIds: [...itemIds], limit: HEAP_DIFF_LIMIT }),
      (diff) => ({ diff }),
    );
  },
}));

interface DominatorState {
  itemId: number | null;
  rootId: number | null;
  /** Levels received, by the node id they expand. */
  levels: ReadonlyMap<number, DominatorChildren>;
  expanded: ReadonlySet<number>;
  error: string | null;
  open(backend: KilnBackend, itemId: number): Promise<void>;
  toggle(backend: KilnBackend, nodeId: number): Promise<void>;
}

export const useDominatorStore = create<DominatorState>((set, get) => ({
  itemId: null,
  rootId: null,
  levels: new Map(),
  expanded: new Set(),
  error: null,
  async open(backend, itemId) {
    if (get().itemId === itemId && get().error === null) return;
    set({ itemId, rootId: null, levels: new Map(), expanded: new Set(), error: null });
    try {
      const root = await backend.getDominatorTree({ itemId, limit: DOMINATOR_LIMIT });
      if (get().itemId !== itemId) return;
      const id = root.node.nodeId;
      set({ rootId: id, levels: new Map([[id, root]]), expanded: new Set([id]) });
    } catch (error) {
      if (get().itemId === itemId) set({ error: errorMessage(error) });
    }
  },
  async toggle(backend, nodeId) {
    const { itemId, expanded, levels } = get();
    if (itemId === null) return;
    const next = new Set(expanded);
    if (next.has(nodeId)) {
      next.delete(nodeId);
      set({ expanded: next });
      return;
    }
    next.add(nodeId);
    set({ expanded: next });
    if (levels.has(nodeId)) return;
    try {
      const level = await backend.getDominatorTree({ itemId, nodeId, limit: DOMINATOR_LIMIT });
      if (get().itemId !== itemId) return;
      set({ levels: new Map(get().levels).set(nodeId, level) });
    } catch (error) {
      if (get().itemId === itemId) set({ error: errorMessage(error) });
    }
  },
}));
