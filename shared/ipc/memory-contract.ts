/**
 * The contract's memory and GC interpretation (issue 13): leak-or-cache ranking, the allocation timeline, heap
 * snapshots compared, the dominator tree, GC statistics per window, and the findings. contract.ts names the methods;
 * the types live here so the contract file stays readable.
 */
import type { Selection } from '../capture/selection';

/**
 * A series' verdict (shared/memory/growth.ts, docs/MEMORY.md): sustained growth, growth that levelled off within
 * the noise band (a bounded cache), no change beyond noise, or a fall.
 */
export type GrowthVerdict = 'growing' | 'plateau' | 'stable' | 'shrinking';
export const GROWTH_VERDICTS: readonly GrowthVerdict[] = ['growing', 'plateau', 'stable', 'shrinking'];

/** The evidence behind a verdict, in the series' unit (bytes for heap in use, a count for instances). */
export interface GrowthEvidence {
  verdict: GrowthVerdict;
  /** Least-squares slope over the captures' wall-clock times, per second. */
  slope: number;
  /** R² of that line (0 when the series is flat). */
  r2: number;
  first: number;
  last: number;
  peak: number;
  /**
   * Share of capture-to-capture steps that rose (any rise): near 1 for a leak, about ½ for noise around a level, 0 for
   * an unchanged sample set. Not "by more than the band": a leak's steps are often each inside the band.
   */
  risingShare: number;
  /** Changes within this band are taken as sampling noise (how it is made: docs/MEMORY.md). */
  noiseBand: number;
  /** Plateau: the index (in the series, 0-based) of the capture from which it held its level (docs/MEMORY.md). */
  levelledAt: number | null;
  /** Growing with a known limit: seconds until the slope reaches it. */
  secondsToLimit: number | null;
  /** What would make the verdict wrong, in a sentence. */
  wrongIf: string;
}

/** A capture of a memory series: its catalogue id and wall-clock start. */
export interface SeriesCapture {
  itemId: number;
  atMs: number;
}

export interface LeakRow extends GrowthEvidence {
  /** A function (profiles) or a constructor/class (heap snapshots). */
  function: string;
  file: string;
  /** The value in each capture, in `captures` order. */
  series: number[];
}

export interface LeaksArgs {
  selection: Selection;
  /** A sample type by name (inuse_space, space, …); default: the heap-in-use type of the captures. */
  sampleType?: string;
  limit: number;
}

export interface LeaksResult {
  /** What the series measure: `inuse_space`/bytes, or `retained`/bytes for heap snapshots. */
  sampleType: { type: string; unit: string };
  captures: SeriesCapture[];
  /** Growing first (by slope), then plateau, shrinking, stable. */
  rows: LeakRow[];
  /** The heap limit the projection uses, when one is known (a GC log's capacity, GOMEMLIMIT); else null. */
  limitBytes: number | null;
}

export interface AllocationTimelineArgs {
  selection: Selection;
  /** Bands drawn; the rest is "other". */
  top: number;
  sampleType?: string;
}

export interface AllocationBand {
  function: string;
  file: string;
  /** Heap in use of the function (its own allocations) in each capture. */
  values: number[];
}

export interface AllocationTimeline {
  sampleType: { type: string; unit: string };
  captures: SeriesCapture[];
  /** The top functions by their largest value, largest first. */
  bands: AllocationBand[];
  /** Everything else, per capture; bands + other = total exactly. */
  other: number[];
  total: number[];
  /**
   * Bytes allocated per second between consecutive captures (alloc_space's growth ÷ the time between them), or per
   * window inside a recording; null where the captures state no cumulative allocation.
   */
  allocationRate: { fromMs: number; toMs: number; bytesPerSecond: number }[] | null;
}

export interface HeapDiffArgs {
  /** Two or more heap snapshots of one process, in the order to compare (time order). */
  itemIds: number[];
  limit: number;
}

export interface HeapDiffRow {
  class: string;
  /** Per snapshot, in `snapshots` order. */
  counts: number[];
  shallow: number[];
  retained: number[];
  /** Instances in the last snapshot whose object ids the first does not hold, and of the first gone from the last. */
  added: number;
  removed: number;
}

/** A step of a retainer path: the object (its class or name) and the edge that leads to it from the step before. */
export interface RetainerStep {
  node: string;
  edge: string;
}

/**
 * The retainers of a class's new instances as a tree from the GC roots down: each node an object, the edge from its
 * parent named; `instances`: how many of the new instances are held through it. Children hold most first.
 * (shared/heap/retainer-tree.ts; element edges into same-named objects merge, the edge then `[lo..hi]`.)
 */
export interface RetainerTreeNode {
  node: string;
  nodeType: string;
  edge: string;
  instances: number;
  /** New instances that are this node itself. */
  self: number;
  children: RetainerTreeNode[];
  /** Children left off past the caps, and the instances held through them; null when none. */
  omitted: { children: number; instances: number } | null;
}

export interface HeapDiff {
  snapshots: { itemId: number; atMs: number | null; nodes: number; selfSize: number }[];
  /** By growth: the count's change from first to last, then the retained size's. */
  rows: HeapDiffRow[];
  /** For the top growers: the path that holds most of the new instances, root first, and the whole tree. */
  paths: {
    class: string;
    /**
     * New instances (the row's `added`); `walked`: how many the tree covers (a cap); `unreachable`: held only weakly.
     */
    instances: number;
    walked: number;
    unreachable: number;
    path: RetainerStep[];
    tree: RetainerTreeNode;
  }[];
}

export interface DominatorTreeArgs {
  itemId: number;
  /** V8's object id of the node to expand; the root when absent. */
  nodeId?: number;
  limit: number;
}

export interface DominatorNode {
  nodeId: number;
  name: string;
  nodeType: string;
  selfSize: number;
  retainedSize: number;
  /** Nodes it immediately dominates. */
  childCount: number;
}

export interface DominatorChildren {
  node: DominatorNode;
  /** Its immediately dominated nodes, by retained size; `limit` of them. */
  children: DominatorNode[];
  /** Children left off past the limit, and their retained size. */
  more: { count: number; retainedSize: number };
}

export interface GcWindowsArgs {
  selection: Selection;
  /** Equal windows to cut the selection's span into (default 10). */
  windows?: number;
}

export interface GcWindowStats {
  startMs: number;
  endMs: number;
  /** Events starting in the window: collections, their pauses and concurrent phases, as the logs record them. */
  events: number;
  /**
   * Collections starting in the window (what `frequency` counts): a stop-the-world pause, a Go gctrace cycle, or
   * a cycle summary without pause or duration (ZGC under -Xlog:gc); a JVM concurrent phase (no pause, a duration)
   * is part of a collection and not counted again (shared/gc/windows.ts).
   */
  collections: number;
  /** Pause statistics in ms, nearest-rank percentiles over the stop-the-world pauses (null without pauses). */
  pauses: { p50: number; p90: number; p99: number; max: number; total: number } | null;
  /** Share of the window's wall time spent paused, in percent. */
  pausedPercent: number;
  /** Collections per second. */
  frequency: number;
  /** Bytes allocated per second (heap before a GC − heap after the one before), null when the logs lack it. */
  allocationRate: number | null;
  /** Heap after GC (live heap) at the window's first and last event. */
  liveHeap: { first: number | null; last: number | null };
  /** Events by kind and cause. */
  byKind: { kind: string; cause: string | null; events: number; pauseMs: number }[];
}

/** A change of GC behaviour: the instant where a measure's level changed most (a change point), with both levels. */
export interface GcChange {
  atMs: number;
  measure: 'frequency' | 'allocation-rate' | 'pause';
  before: number;
  after: number;
  /** How sure: the log-likelihood ratio of two levels against one. */
  strength: number;
  /** The LLR a change must exceed to be reported (docs/MEMORY.md, shared/gc/changes.ts); set by getGcWindows. */
  threshold: number;
}

export interface GcWindows {
  /**
   * The GC logs read. Two logs of one process (a JVM's -Xlog:gc file and its JFR recording's GC events: the same pid
   * label, or without one the same collections at the same instants; shared/gc/windows.ts) count once: the one with
   * the most events; the other names it in `sameProcessAs` (set by getGcWindows: null for a log that counts).
   */
  logs: { itemId: number; format: string; collector: string | null; sameProcessAs: number | null }[];
  total: GcWindowStats;
  windows: GcWindowStats[];
  changes: GcChange[];
}

export interface FindingsArgs {
  selection: Selection;
  /** A base to compare against (the comparison's suspects become findings). */
  base?: Selection;
}

export type FindingKind = 'leak' | 'cache' | 'gc-change' | 'heap-growth' | 'regression';

/** Where the evidence is shown: a view and what it needs. */
export type FindingView =
  | { view: 'leaks'; selection: Selection; function: string }
  | { view: 'gc'; selection: Selection; atMs: number }
  | { view: 'heap-diff'; itemIds: number[]; class: string }
  | { view: 'comparison'; base: Selection; target: Selection; function: string };

export interface Finding {
  kind: FindingKind;
  title: string;
  /** The function, class or measure it is about. */
  subject: string;
  /** The numbers behind it, each a sentence. */
  evidence: string[];
  /** What would make it wrong. */
  wrongIf: string;
  /** 0..1, the order of the list. */
  weight: number;
  link: FindingView;
}
