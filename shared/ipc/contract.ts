/**
 * The one service contract. Electron IPC (via the preload), HTTP (`kiln serve`)
 * and direct calls (CLI, tests) all carry exactly these methods, and every
 * transport validates arguments with `validateArgs` before a service sees them.
 */
import type {
  AllocationTimeline,
  AllocationTimelineArgs,
  DominatorChildren,
  DominatorTreeArgs,
  Finding,
  FindingsArgs,
  GcWindows,
  GcWindowsArgs,
  HeapDiff,
  HeapDiffArgs,
  LeaksArgs,
  LeaksResult,
} from './memory-contract';
import type { Capture } from '../capture/capture';
import type { Selection } from '../capture/selection';
import type { GcEvent } from '../gc/model';
import type { HeapClassRow } from '../heap/model';
import type { TimelineMarker } from '../timeline/markers';
import type { FileFormat } from '../import/result';
import { PROFILE_KINDS, type ValueType } from '../profile/model';

/** What a catalogue item is; decides which views are offered for it. */
export const ITEM_KINDS = [...PROFILE_KINDS, 'gc-log', 'heap-snapshot'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

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

/**
 * One row of the catalogue: a profile, a GC log or a heap snapshot, with its capture fields (service, wall-clock
 * span and where the start comes from, labels, source, kind: shared/capture/capture.ts) and its headline numbers.
 */
export interface ItemSummary extends Capture {
  /** File name the item came from (no directories), with the item's own name when a file holds several. */
  name: string;
  /** The item's own name within its file (a thread, a JFR part); null for a file of one item. */
  item: string | null;
  format: FileFormat;
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
  /** True when the item's samples carry times (V8, Chrome traces, perf script, JFR…): the stack chart can draw it. */
  hasSampleTimes?: boolean;
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

/**
 * The numbers a flame view prints, exact whatever the drawn tree folds (shared/query/exact-shares.ts).
 * Every percentage in the UI is "% of selection": a share of `selectionTotal`, the selection's total for the
 * sample type before any filter, as `go tool pprof` and `kiln top` print them (docs/PERCENTAGES.md).
 */
export interface FlameShares {
  selectionTotal: number;
  /** Per function (indexed like functionNames): value of samples taken in it (pprof flat), also when inverted. */
  functionSelf: number[];
  /** Per function: value of samples with it anywhere on the stack, once per sample (pprof cum). */
  functionTotal: number[];
}

/** A flame tree as getFlameTree answers it: the drawn tree and the exact shares of what it shows. */
export interface FlameView extends FlameTree {
  shares: FlameShares;
}

/**
 * A stack chart (time on x, stack depth on y) of one time range: one box per
 * run of consecutive samples with the same function at a depth and the same
 * functions below it. Columnar; boxes are ordered by depth, then start. Times
 * are nanoseconds on the profile's sample clock (Profile.samples.timeNs).
 */
export interface StackChart {
  /** False when the profile's samples carry no times: everything else is empty. */
  hasTimes: boolean;
  functionNames: string[];
  functionFiles: string[];
  functionLines: number[];
  /** Row of each box, 0 for the outermost frames. */
  depth: number[];
  start: number[];
  end: number[];
  /** Function of each box, or -1 for a grey box that stands for `shortCount` boxes too short to draw. */
  func: number[];
  /** How many boxes a merged box stands for; 0 for a box of one function. */
  shortCount: number[];
  /** First sample's time and the last sample's end: the span the chart can show. */
  timeStartNs: number;
  timeEndNs: number;
  sampleCount: number;
  /** The range the boxes were picked for. */
  rangeStartNs: number;
  rangeEndNs: number;
  /** Boxes shorter than this were merged with short neighbours (the range's nanoseconds per pixel). */
  minDurationNs: number;
  /** Rows of the deepest sample in the whole (filtered) profile, so the chart keeps its height while zooming. */
  maxDepth: number;
  /** True when deep rows (or, at worst, the end of row 0) were left out to stay under the box cap. */
  truncated: boolean;
  /** Kinds of the request's filters that a time-ordered view cannot apply (invert, label, lines). */
  ignoredFilters: string[];
}

export interface TopFunctionRow {
  function: string;
  file: string;
  /** Value of samples whose leaf frame is this function (pprof "flat"). */
  self: number;
  /** Value of samples with this function anywhere on the stack, counted once per sample (pprof "cum"). */
  total: number;
}

/** One catalogue item whose stacks contain a searched function, for the item's default sample type. */
export interface FunctionSearchItem {
  itemId: number;
  /** The item's catalogue name. */
  name: string;
  /** Value of stacks whose leaf is the function (pprof "flat"), as `kiln top` reports it. */
  self: number;
  /** Value of stacks containing the function, once per stack (pprof "cum"). */
  total: number;
  /** The item's whole total for this sample type: self / profileTotal is the function's share. */
  profileTotal: number;
  /** Position of the sample type in the item's sampleTypes (its default). */
  sampleTypeIndex: number;
  sampleType: ValueType;
}

/** A function that matched a catalogue-wide search, with the items that contain it, largest total share first. */
export interface FunctionSearchHit {
  /** Store id of the function (name, system name, file, start line); functions of one name may have several. */
  functionId: number;
  function: string;
  file: string;
  /** At most FUNCTION_SEARCH_MAX_PROFILES items, largest total share first. */
  profiles: FunctionSearchItem[];
  /** How many items contain the function, including those left out of `profiles`. */
  profileCount: number;
}

/** Items listed per search hit; `profileCount` says how many there are in all. */
export const FUNCTION_SEARCH_MAX_PROFILES = 20;

/** One value of a sample label key (pprof Sample.label): a string, or a number as text (`123`, in the label's unit). */
export interface LabelValue {
  value: string;
  /** How many distinct call stacks of the profile have samples with this value. */
  count: number;
}

/** A sample label key of a profile and its values, the ones on the most stacks first (at most LABEL_VALUES_LIMIT). */
export interface LabelKey {
  key: string;
  values: LabelValue[];
}

/** Values listed per label key by getLabelKeys: a key like `span_id` can have one per sample. */
export const LABEL_VALUES_LIMIT = 200;

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

/**
 * What the user says of every item of the files an import brings (`kiln import --service --label`, the import
 * dialog): `service` replaces the one the data names; `labels` are added to the item labels the file gives, a key
 * given here overriding the file's. A file already stored (the same bytes) keeps the tags it was stored with.
 */
export interface ImportTags {
  service?: string;
  labels?: Record<string, string>;
}

/**
 * Where an import stands: 'hashing' (reading for the content hash), 'parsing', 'writing' (one store transaction),
 * 'waiting' (for the store: another import, perhaps of another process, is writing to it).
 */
export type ImportPhase = 'hashing' | 'parsing' | 'writing' | 'waiting';

/** An import running or finished lately (getImportJobs), named by the jobId its importPaths/importUpload call gave. */
export interface ImportJob {
  jobId: string;
  /** The file being imported (the last one, once the job has finished): a path, or an upload's name. */
  file: string;
  phase: ImportPhase;
  /**
   * How far the import has read through the file, in bytes of it. A file read in several passes (a pprof:
   * the hash, then two decoding passes) counts each pass as its share, so the value only grows.
   */
  bytesRead: number;
  /** Size of the file as given (compressed or not). */
  bytesTotal: number;
  samplesDecoded: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
}

/**
 * What every stacks method reads: a selection (item ids, or a service and a wall-clock window), optionally minus
 * a base selection (a comparison: target plus base × −1, as `go tool pprof -diff_base`), for the sample type at
 * `sampleType` in the first selected item's types, with `filters` (the text form of shared/query/filters.ts,
 * e.g. "focus:main;hide:runtime%5C..*") applied in order. View assembly: shared/query/views.ts.
 */
export interface StacksArgs {
  selection: Selection;
  base?: Selection;
  sampleType: number;
  filters?: string;
  /** 'per-second': every value divided by the selection's profiled seconds (WindowSummary.profiledNs); counters only. */
  scale?: 'per-second';
}

/**
 * How a comparison puts its numbers (shared/query/diff.ts): as read (absolute; rows equal `go tool pprof -top
 * -diff_base`), each side as a share of its own total (normalized, a fraction), or per second of each side's
 * profiled time (per-second).
 */
export type DiffMode = 'absolute' | 'normalized' | 'per-second';
export const DIFF_MODES: readonly DiffMode[] = ['absolute', 'normalized', 'per-second'];

/** A comparison: base (A) and target (B) selections, each read as its own stacks (`kiln diff`). */
export interface DiffArgs {
  base: Selection;
  target: Selection;
  /** Position in the target's first item's sample types; the base is matched by type and unit. */
  sampleType: number;
  /**
   * Absent: per-second when the sides' profiled times are both known and differ by more than 5% (a longer side is
   * not a slower one), else absolute. The answer says which it used.
   */
  mode?: DiffMode;
  /** Most rows returned (the largest changes). */
  limit: number;
  /** Filter text, as every view takes it, applied to both sides. */
  filters?: string;
  /** Package prefixes the user marks as not their own code (shared/query/own-code.ts), for the suspect. */
  notMine?: string[];
  /**
   * With a layout, the answer carries the diff flame graph too (`tree`): from the same read of both sides and the
   * same call trees as the suspect walk, rather than a second request reading both sides again.
   */
  layout?: DiffTreeLayout;
}

export interface DiffValues {
  self: number;
  total: number;
}

/** One function in a comparison, in the mode's numbers. */
export interface DiffRow {
  function: string;
  file: string;
  base: DiffValues;
  target: DiffValues;
  delta: DiffValues;
  /** The change as a percentage of the base's value; null when the base's is 0. */
  deltaPercent: { self: number | null; total: number | null };
  /** The function's samples (its total) in each side; null when the sides' counts are unknown. */
  samples: { base: number; target: number } | null;
  /** Two-sided p-value of the change in total (shared/query/significance.ts); null when untested. */
  pValue: number | null;
  /** Called significant at the false discovery rate (1%); null when untested. */
  significant: boolean | null;
  /**
   * The function's total in each capture of each side, in capture order (DiffResult.seriesItems), as read (not in
   * the mode's numbers): the table's sparkline. Null for rows past the first DIFF_SERIES_ROWS, or when the sides'
   * captures are cut by a window or read in a sample type other than their default.
   */
  series: { base: number[]; target: number[] } | null;
}

/** Rows of a comparison that get a per-capture series. */
export const DIFF_SERIES_ROWS = 100;

export interface DiffSideSummary {
  /** The side's items that have the sample type. */
  items: number[];
  /** The side's total as read (the sample type's unit), and in the mode's numbers. */
  total: number;
  scaledTotal: number;
  /** Samples behind the total; null when unknown (nothing is then tested). */
  samples: number | null;
  /** Profiled time of the side's captures; null when unknown. */
  profiledNs: number | null;
}

/** How wide a diff flame graph's frames are: B's value, or the mean of A's and B's (shared/query/diff-tree.ts). */
export type DiffTreeLayout = 'target' | 'union';
export const DIFF_TREE_LAYOUTS: readonly DiffTreeLayout[] = ['target', 'union'];

/**
 * The diff flame graph: a call tree whose `self`/`total` are the frames' widths (per `layout`), with each side's
 * numbers per node in the mode's terms and whether the change of its total is more than noise.
 */
export interface DiffFlameTree extends FlameTree {
  layout: DiffTreeLayout;
  baseSelf: number[];
  baseTotal: number[];
  targetSelf: number[];
  targetTotal: number[];
  /** Two-sided p-value of the node's change in total; null when untested. */
  pValue: (number | null)[];
  /** Called significant at the false discovery rate over the tree's nodes; null when untested. */
  significant: (boolean | null)[];
}

/** Where the growth enters the user's own code (shared/query/suspect.ts), with its evidence. */
export interface DiffSuspect {
  function: string;
  file: string;
  /** What the numbers say, in words, and what would make it wrong. */
  reason: string;
  /** Functions from the outermost caller to the suspect. */
  path: string[];
  /** Its values on that path, in the mode's numbers. */
  base: DiffValues;
  target: DiffValues;
  /** Two-sided p-value of the change in its total; null when counts are unknown. */
  pValue: number | null;
}

export interface DiffResult {
  sampleType: ValueType;
  mode: DiffMode;
  base: DiffSideSummary;
  target: DiffSideSummary;
  /** By |delta.total|, largest first; at most `limit`. */
  rows: DiffRow[];
  suspects: DiffSuspect[];
  /** The captures of each side in time order, as the rows' series list them; null when there are no series. */
  seriesItems: { base: number[]; target: number[] } | null;
  /** The diff flame graph, when `layout` was asked for; else null. */
  tree: DiffFlameTree | null;
}

/** What a window holds and how its views read it (`getWindowSummary`, `kiln top`'s header). */
export interface WindowSummary {
  /** The selection's service, or null when its items name several services or none. */
  service: string | null;
  /** The kind the stacks views read: a service window without a kind reads its first kind in ITEM_KIND_PRIORITY present. */
  kind: ItemKind | null;
  /**
   * Every kind the window holds with its capture count, in ITEM_KIND_PRIORITY order (kinds without stacks last): for a
   * service's window, all the service's items over its span whatever `kind` it reads (the header's kind buttons); for
   * item ids, the items named.
   */
  kinds: { kind: ItemKind; captures: number }[];
  /** Captures of `kind` the views read. */
  captures: number;
  /** Wall-clock span of what is read (first start, last end), clipped to the window; null when no capture has a start. */
  startMs: number | null;
  endMs: number | null;
  /** Profiled time: the sum of the read captures' durations, each clipped to the window; null when none is known. */
  profiledNs: number | null;
  /** How the captures' values combine for the default sample type: counters summed, gauges (in-use heap, goroutines) averaged per capture. */
  aggregation: 'sum' | 'mean';
  /** One line a header shows: "checkout · CPU · 6 captures · 10:00:02–10:14:40 · 18 s profiled". */
  title: string;
}

/** Method name → [argument, result]. */
export interface KilnContract {
  /**
   * The catalogue, newest first; with a selection only the items it names, looked up by id or service whatever the
   * catalogue's size: ids that exist in the selection's order (a window does not filter them), or the service's items
   * of its kind and labels that overlap its window, in catalogue order (the window ALL_TIME, `serviceSelection`: every
   * item of the service, whatever its time, as `kiln ls --service` lists them).
   */
  listItems: [{ selection?: Selection }, ItemSummary[]];
  /** The call tree of a selection (minus its base), folded below FLAME_TREE_MIN_FRACTION of the total. */
  getFlameTree: [StacksArgs, FlameView];
  /**
   * The exact share of a search in the view getFlameTree draws for the same arguments: the value of samples with
   * a matching function on the stack (once per sample), and the selection's total it is a share of.
   */
  getSearchTotal: [StacksArgs & { query: string }, { matched: number; selectionTotal: number }];
  /** Top functions by self value; `total` is the selection's total before transforms, what shares are "% of". */
  getTopFunctions: [StacksArgs & { limit: number }, { total: number; rows: TopFunctionRow[] }];
  /** The sandwich view of one function: its callers (inverted, the function first) and its callees. */
  getSandwich: [StacksArgs & { functionName: string }, { callers: FlameTree; callees: FlameTree }];
  /**
   * The stack chart of one item whose samples have times (a selection of one item), for [startNs, endNs] on the
   * item's sample clock (default: the selection's window, else all of it) drawn `widthPx` wide: boxes narrower
   * than a pixel merge into grey "(N short)" boxes.
   */
  getStackChart: [
    { selection: Selection; filters?: string; startNs?: number; endNs?: number; widthPx: number },
    StackChart,
  ];
  /** Import files the user chose by path (Electron's file dialog or drop, the CLI). Never exposed over HTTP. */
  importPaths: [{ paths: string[]; jobId?: string; tags?: ImportTags }, ImportReport];
  /**
   * Import bytes the user dropped or chose in a browser page. `lastModifiedMs` (File.lastModified) anchors items
   * whose file states no wall-clock start (an estimate the user can correct with setCaptureStart).
   */
  importUpload: [
    { fileName: string; bytes: Uint8Array; jobId?: string; lastModifiedMs?: number; tags?: ImportTags },
    ImportReport,
  ];
  /** Imports running now or finished in the last minutes, with their progress. */
  getImportJobs: [Record<string, never>, ImportJob[]];
  /**
   * Cancels the running import with this jobId: it stops at its next check and writes nothing. False when
   * none runs; an import that starts with this jobId within a minute is then cancelled at once.
   */
  cancelImport: [{ jobId: string }, { cancelled: boolean }];
  /**
   * Sets the wall-clock start of an item whose file states none (its timeSource is not 'file'). The other items of
   * the same file share its relative clock and move with it; all become timeSource 'user'. Returns the item.
   */
  setCaptureStart: [{ itemId: number; startMs: number }, ItemSummary];
  /**
   * Renames or reassigns captures, in one transaction: `service` replaces the service of every item given; `labels`
   * are set on each (a key given overrides the item's; an empty value removes the key). Returns the items, in the
   * order given; an id that names no item writes nothing (NotFoundError).
   */
  setCaptureTags: [{ itemIds: number[]; service?: string; labels?: Record<string, string> }, ItemSummary[]];
  /** GC and heap views read one item: `itemId` is its catalogue id. */
  getGcSummary: [{ itemId: number }, GcSummary];
  getGcEvents: [{ itemId: number }, GcEvent[]];
  getHeapClasses: [{ itemId: number; limit: number }, HeapClassRow[]];
  /** Shortest retaining paths from the GC roots to the instance of a class that retains the most. */
  getHeapRetainers: [{ itemId: number; className: string; maxPaths: number }, HeapRetainers];
  /** The sample label keys of a selection's items, sorted, with their values: what `label:` filters can name. */
  getLabelKeys: [{ selection: Selection }, LabelKey[]];
  /** What a selection's window holds and how the stacks views read it (read-only, runs on the query pool). */
  getWindowSummary: [{ selection: Selection }, WindowSummary];
  /**
   * Two selections compared function by function (shared/query/diff.ts): A, B and the change for self and total,
   * whether each change is more than sampling noise, and the suspect, where the growth enters the user's code.
   */
  getDiff: [DiffArgs, DiffResult];
  /**
   * Functions of the whole catalogue whose name has words starting with the query's words, or contains the
   * query, ordered by their largest total share in any item (default sample types).
   */
  searchFunctions: [{ query: string; limit: number }, FunctionSearchHit[]];
  /**
   * Captures and markers per service on one time axis (`kiln timeline`): one service (indexed), or every service.
   * Markers are the automatic ones (shared/timeline/markers.ts) and the stored annotations, in time order.
   */
  getTimeline: [{ service?: string }, Timeline];
  /**
   * The series drawn over the timeline's lanes (shared/timeline/series.ts): per capture, CPU used in cores, heap in
   * use and goroutines; per GC event of GC logs and JFR recordings, its pause and the live heap after it. One service
   * (indexed), or every service. Read from items' stored totals and gc_events: no stacks are read.
   */
  getTimelineSeries: [{ service?: string }, TimelineSeries];
  /** Adds a user annotation on a service's axis at `atMs` (ms since the epoch). */
  addAnnotation: [{ service: string; atMs: number; label: string }, Annotation];
  /** Moves or relabels an annotation (user or file); NotFoundError when there is none with this id. */
  updateAnnotation: [{ id: number; atMs?: number; label?: string }, Annotation];
  deleteAnnotation: [{ id: number }, { deleted: boolean }];
  /**
   * Imports an annotation file's text (CSV or JSON, shared/timeline/annotation-file.ts), all rows or none, as source
   * 'file' with `fileName` as origin. `service` applies to rows whose file names none; a row naming no service when
   * none is given fails the whole import.
   */
  importAnnotations: [{ fileName: string; text: string; service?: string }, { imported: number }];
  /**
   * Memory over time (memory-contract.ts): per function (or class, for heap snapshots) the heap in use in each
   * capture of the selection, classified growing, plateau, stable or shrinking with its evidence.
   */
  getLeaks: [LeaksArgs, LeaksResult];
  /** Heap in use per capture as a stack of the top functions plus "other", and the allocation rate between them. */
  getAllocationTimeline: [AllocationTimelineArgs, AllocationTimeline];
  /** Two or more heap snapshots compared per class, with the retainers of the top growers' new instances. */
  getHeapDiff: [HeapDiffArgs, HeapDiff];
  /** One level of a heap snapshot's dominator tree: a node and the nodes it immediately dominates. */
  getDominatorTree: [DominatorTreeArgs, DominatorChildren];
  /** GC statistics of the selection's GC logs and recordings, whole and per window, and where they changed. */
  getGcWindows: [GcWindowsArgs, GcWindows];
  /** What Kiln concludes about a selection, most important first, each with its evidence and its view. */
  getFindings: [FindingsArgs, { findings: Finding[] }];
}

/** Name of the timeline group of items whose data names no service (a service cannot be the empty string). */
export const NO_SERVICE = '(no service)';

/** A capture as the timeline places it: captures with capturedAtMs null come last in their service, unplaced. */
export interface TimelineCapture {
  id: number;
  kind: ItemKind;
  capturedAtMs: number | null;
  durationNs: number | null;
  labels: Record<string, string>;
}

/** A marker of the timeline; stored annotations (source user/file) carry their id, to edit or delete them. */
export interface TimelineMarkerView extends TimelineMarker {
  annotationId?: number;
  /** The file an imported annotation came from (source 'file'), for its tooltip. */
  origin?: string;
}

/**
 * What getTimeline sends of a capture: its fields as columns, and its labels as an index into its service's
 * `labelSets` (captures of one run share one set). 10,000 captures are 0.4 MB of numbers this way against 1 MB of
 * objects, which the timeline's first draw parses (BENCHMARKS.md, "the timeline of 10,000 captures").
 * shared/timeline/capture-columns.ts turns them into TimelineCapture rows and back.
 */
export type TimelineCaptureColumns = Columns<Omit<TimelineCapture, 'labels'> & { labelSet: number }>;

/** One service of the timeline: its captures in time order (unplaced last) and its markers in time order. */
export interface TimelineService {
  name: string;
  captures: TimelineCaptureColumns;
  /** The distinct label sets of the service's captures, in order of first use. */
  labelSets: Record<string, string>[];
  markers: TimelineMarkerView[];
}

/** Services by name (NO_SERVICE last). */
export interface Timeline {
  services: TimelineService[];
}

/** What a per-capture series measures: CPU time ÷ wall duration, total inuse_space, total goroutine count. */
export type CaptureMeasure = 'cores' | 'heap-inuse' | 'goroutines';

/** One capture's value of a measure, over the capture's span on the wall clock (endMs = startMs without a duration). */
export interface CaptureSeriesPoint {
  itemId: number;
  startMs: number;
  endMs: number;
  /** Cores (CPU seconds per wall second), bytes, or a count, by the series' measure. */
  value: number;
}

/**
 * Points as columns: entry i of every array is point i. Four arrays of numbers are half the JSON of as many
 * objects and parse several times faster, which a timeline of 10,000 captures and 29,000 GC events pays on its
 * first draw (BENCHMARKS.md, "the timeline of 10,000 captures").
 */
export type Columns<Point> = { [K in keyof Point]: Point[K][] };

/** A measure over one (service, kind) lane: cpu → cores, heap → heap-inuse, goroutines → goroutines. */
export interface CaptureSeries {
  /** The service's name, NO_SERVICE for captures that name none (as getTimeline groups them). */
  service: string;
  kind: 'cpu' | 'heap' | 'goroutines';
  measure: CaptureMeasure;
  /** In time order; captures whose value is unknown (no duration, no such sample type) are left out. */
  points: Columns<CaptureSeriesPoint>;
  /**
   * The largest value (the scale's top; 0 without points) and the longest capture (so a search by start finds
   * captures begun before a range that reach into it). Sent, so the page does not walk every point before its first
   * draw.
   */
  maxValue: number;
  maxDurationMs: number;
}

/** One GC event on the wall clock: its log's start (the item's capturedAtMs) plus the event's time. */
export interface GcSeriesPoint {
  itemId: number;
  atMs: number;
  /** Stop-the-world time (0 for a concurrent phase). */
  pauseNs: number;
  /** Heap in use after the collection (GcEvent.heapAfterBytes); null when the log does not state it. */
  liveHeapBytes: number | null;
}

/** The GC events of a service's GC logs and JFR recordings (the gc-log lane), in time order. */
export interface GcSeries {
  service: string;
  points: Columns<GcSeriesPoint>;
  /** The longest pause and the largest live heap stated (0 when none is): the scales' tops, as for CaptureSeries. */
  maxPauseNs: number;
  maxLiveHeapBytes: number;
}

/** Everything getTimelineSeries returns; only captures with a wall-clock start are on it. */
export interface TimelineSeries {
  captures: CaptureSeries[];
  gc: GcSeries[];
}

/** A stored annotation: added by the user, or imported from a file (origin: its name). */
export interface Annotation {
  id: number;
  service: string;
  atMs: number;
  label: string;
  source: 'user' | 'file';
  origin: string | null;
  createdAtMs: number;
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
  'listItems',
  'getFlameTree',
  'getSearchTotal',
  'getTopFunctions',
  'getSandwich',
  'getStackChart',
  'importPaths',
  'importUpload',
  'getImportJobs',
  'cancelImport',
  'setCaptureStart',
  'setCaptureTags',
  'getGcSummary',
  'getGcEvents',
  'getHeapClasses',
  'getHeapRetainers',
  'getLabelKeys',
  'getWindowSummary',
  'getDiff',
  'searchFunctions',
  'getTimeline',
  'getTimelineSeries',
  'addAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'importAnnotations',
  'getLeaks',
  'getAllocationTimeline',
  'getHeapDiff',
  'getDominatorTree',
  'getGcWindows',
  'getFindings',
];

/** Methods a browser page may call over HTTP: no paths from a page. */
export const HTTP_METHODS: readonly KilnMethod[] = KILN_METHODS.filter((m) => m !== 'importPaths');

/**
 * Methods the Electron renderer may call over IPC: no paths from a page either. Files the user dropped or opened
 * reach main as opaque handles (KilnBridge.fileHandle, importHandles), never as paths the renderer names.
 */
export const IPC_METHODS: readonly KilnMethod[] = KILN_METHODS.filter((m) => m !== 'importPaths');

/** A file the user chose in this session, as main hands it to the renderer: an opaque handle and its base name. */
export interface ChosenFile {
  handle: string;
  name: string;
}

/**
 * `window.kiln` in the Electron renderer, as the preload exposes it: the IPC methods, plus a handle for a file
 * the user dropped or opened (the preload resolves it with webUtils.getPathForFile; null for a File with no path on
 * disk, which the renderer sends as bytes instead), and the import of such handles. No method takes a path.
 * Generic over the DOM's File, which shared/ cannot name.
 */
export type KilnBridge<FileLike> = Omit<KilnServices, 'importPaths'> & {
  fileHandle(file: FileLike): Promise<ChosenFile | null>;
  importHandles(args: { handles: string[]; jobId?: string; tags?: ImportTags }): Promise<ImportReport>;
};
