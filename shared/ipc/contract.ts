/**
 * The one service contract. Electron IPC (via the preload), HTTP (`kiln serve`)
 * and direct calls (CLI, tests) all carry exactly these methods, and every
 * transport validates arguments with `validateArgs` before a service sees them.
 */
import type { GcEvent } from '../gc/model';
import type { HeapClassRow } from '../heap/model';
import type { FileFormat } from '../import/result';
import type { ProfileKind, ValueType } from '../profile/model';

/** What a catalogue item is; decides which views are offered for it. */
export type ItemKind = ProfileKind | 'gc-log' | 'heap-snapshot';

/** Headline numbers of a GC log (what `kiln import --json` reports as its totals). */
export interface GcTotals {
  gcEvents: number;
  totalPauseMs: number;
}

/** Headline numbers of a heap snapshot. */
export interface HeapTotals {
  nodes: number;
  edges: number;
  /** Sum of all nodes' self sizes, in bytes. */
  selfSize: number;
}

/** One row of the catalogue: a profile, a GC log or a heap snapshot. */
export interface ProfileSummary {
  id: number;
  /** File name the item came from (no directories), with the item's own name when a file holds several. */
  name: string;
  /** The item's own name within its file (a thread, a JFR part); null for a file of one item. */
  item: string | null;
  format: FileFormat;
  kind: ItemKind;
  /** Service the profile belongs to, when the source names one. */
  service: string | null;
  /** Capture start, ms since the Unix epoch; null when the file does not say. */
  capturedAtMs: number | null;
  durationNs: number | null;
  /** Empty for GC logs and heap snapshots. */
  sampleTypes: ValueType[];
  /** Total per sample type, same order as sampleTypes. */
  totals: number[];
  defaultSampleType: number;
  /** Set for GC logs. */
  gc: GcTotals | null;
  /** Set for heap snapshots. */
  heap: HeapTotals | null;
  importedAtMs: number;
  /** Hex SHA-256 of the original bytes. */
  contentHash: string;
}

/**
 * A call tree merged by function, in depth-first pre-order: a node's children
 * follow it, and its subtree ends where the next node with depth <= its own begins.
 * Columnar so that a million nodes cost a few flat arrays, not a million objects.
 */
export interface FlameTree {
  /** Function display names, files and start lines, indexed by `func`. */
  functionNames: string[];
  functionFiles: string[];
  /** First line of each function in its file (0 when unknown), for "file:line". */
  functionLines: number[];
  func: number[];
  parent: number[];
  depth: number[];
  self: number[];
  total: number[];
  /** Node 0 is a synthetic root whose total is the whole profile's total for this sample type. */
  sampleType: ValueType;
}

export interface TopFunctionRow {
  function: string;
  file: string;
  /** Value of samples whose leaf frame is this function (pprof "flat"). */
  self: number;
  /** Value of samples with this function anywhere on the stack, counted once per sample (pprof "cum"). */
  total: number;
}

/** One item a file imported as (a file may hold several: threads of a trace, a JFR recording's parts). */
export interface ImportedProfile {
  id: number;
  file: string;
  /** The item's own name within the file (thread, JFR part), null for a file of one item. */
  item: string | null;
  format: FileFormat;
  kind: ItemKind;
  sampleTypes: ValueType[];
  /** Per sample type for profiles; GC and heap totals for GC logs and heap snapshots. */
  totals: number[] | GcTotals | HeapTotals;
  /** True when the same bytes were already in the store; `id` is the existing profile. */
  duplicate: boolean;
}

export interface ImportFailure {
  file: string;
  message: string;
}

export interface ImportReport {
  imported: ImportedProfile[];
  errors: ImportFailure[];
}

/** Method name → [argument, result]. */
export interface KilnContract {
  listProfiles: [Record<string, never>, ProfileSummary[]];
  /** `filters` is the text form of shared/query/filters.ts (e.g. "focus:main;hide:runtime%5C..*"), applied in order. */
  getFlameTree: [{ profileId: number; sampleType: number; filters?: string }, FlameTree];
  getTopFunctions: [{ profileId: number; sampleType: number; limit: number; filters?: string }, TopFunctionRow[]];
  /** The sandwich view of one function: its callers (inverted, the function first) and its callees. */
  getSandwich: [
    { profileId: number; sampleType: number; functionName: string; filters?: string },
    { callers: FlameTree; callees: FlameTree },
  ];
  /** Import files the user chose by path (Electron's file dialog or drop, the CLI). Never exposed over HTTP. */
  importPaths: [{ paths: string[] }, ImportReport];
  /** Import bytes the user dropped or chose in a browser page. */
  importUpload: [{ fileName: string; bytes: Uint8Array }, ImportReport];
  getGcSummary: [{ profileId: number }, GcSummary];
  getGcEvents: [{ profileId: number }, GcEvent[]];
  getHeapClasses: [{ profileId: number; limit: number }, HeapClassRow[]];
  /** Shortest retaining paths from the GC roots to the instance of a class that retains the most. */
  getHeapRetainers: [{ profileId: number; className: string; maxPaths: number }, HeapRetainers];
}

/** Pause statistics of a GC log (pauses are events with a stop-the-world time). */
export interface GcSummary {
  collector: string | null;
  gcEvents: number;
  totalPauseMs: number;
  maxPauseMs: number;
  p50PauseMs: number;
  p90PauseMs: number;
  p99PauseMs: number;
  /** Share of the log's wall span spent paused, in percent; null when the span is unknown. */
  pausePercent: number | null;
  byKind: { kind: string; count: number; totalPauseMs: number }[];
}

export interface HeapRetainerStep {
  nodeName: string;
  nodeType: string;
  /** Name of the edge from the previous step to this node ("" at the root). */
  edgeName: string;
  selfSize: number;
  retainedSize: number;
}

export interface HeapRetainers {
  className: string;
  /** The instance shown: V8's object id, self and retained size. */
  instance: { nodeId: number; selfSize: number; retainedSize: number } | null;
  /** Each path runs from a GC root down to the instance. */
  paths: HeapRetainerStep[][];
}

export type KilnMethod = keyof KilnContract;
export type ArgsOf<M extends KilnMethod> = KilnContract[M][0];
export type ResultOf<M extends KilnMethod> = KilnContract[M][1];

/** The services behind the contract, as every transport sees them. */
export type KilnServices = { [M in KilnMethod]: (args: ArgsOf<M>) => Promise<ResultOf<M>> };

export const KILN_METHODS: readonly KilnMethod[] = [
  'listProfiles',
  'getFlameTree',
  'getTopFunctions',
  'getSandwich',
  'importPaths',
  'importUpload',
  'getGcSummary',
  'getGcEvents',
  'getHeapClasses',
  'getHeapRetainers',
];

/** Methods a browser page may call over HTTP: no paths from a page. */
export const HTTP_METHODS: readonly KilnMethod[] = KILN_METHODS.filter((m) => m !== 'importPaths');

/**
 * `window.kiln` in the Electron renderer, as the preload exposes it: the
 * contract's methods plus the path of a dropped or chosen file (Electron's
 * webUtils.getPathForFile; '' when it has none). Generic over the DOM's File,
 * which shared/ cannot name.
 */
export type KilnBridge<FileLike> = KilnServices & {
  pathForFile(file: FileLike): string;
};
