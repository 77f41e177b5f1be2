/**
 * Kiln's in-memory profile model: columnar and index-typed, in the spirit of
 * pprof's profile.proto and the Firefox Profiler's processed format, so that a
 * profile crosses a worker boundary as flat arrays and maps straight onto the
 * store's tables.
 *
 * Conventions that every importer must keep (checked by `checkProfile`):
 * - `strings[0]` is the empty string; every string reference is an index into `strings`.
 * - Tables are structs of equally long columns; row indices are the ids.
 * - `stacks` is a prefix tree whose rows are in topological order: a stack's
 *   parent always has a smaller index, so every walk is a simple loop, never recursion.
 * - A sample points at its leaf stack; `values[t][i]` is sample i's value for sample type t.
 */
import type { CaptureTags } from '../capture/capture';

/** What a number measures, as profile.proto's ValueType: e.g. {type: "cpu", unit: "nanoseconds"}. */
export interface ValueType {
  type: string;
  unit: string;
}

/** The file format a profile came from (shared/import/result.ts lists every format a file can have). */
export type ProfileFormat =
  | 'pprof'
  | 'pprof-legacy'
  | 'cpuprofile'
  | 'heapprofile'
  | 'chrome-trace'
  | 'speedscope'
  | 'firefox'
  | 'perf-script'
  | 'callgrind'
  | 'collapsed'
  | 'jfr';

/**
 * What a profile describes; decides which views make sense for it. 'trace': wall-clock durations of spans
 * (trace-event B/E/X, speedscope evented), for which a time-ordered view fits best.
 */
export const PROFILE_KINDS = ['cpu', 'allocations', 'heap', 'goroutines', 'contention', 'trace', 'other'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export interface FunctionTable {
  /** Human-readable name (string index). */
  name: number[];
  /** Mangled/system name (string index; 0 when unknown). */
  systemName: number[];
  /** Source file (string index; 0 when unknown). */
  file: number[];
  /** First line of the function in `file` (0 when unknown). */
  startLine: number[];
}

export interface FrameTable {
  /** Row in the function table. */
  func: number[];
  /** Source line (0 when unknown). */
  line: number[];
  /** Column (0 when unknown; V8 profiles carry it). */
  column: number[];
  /** Instruction address (0 when unknown). Kept for display, not for identity. */
  address: number[];
  /** 1 when this frame was inlined into its caller (pprof: every Location.line[] entry but the last, which is the real function). */
  inlined: number[];
}

export interface StackTable {
  frame: number[];
  /** Parent stack row, or -1 for a root. Always smaller than the row's own index. */
  parent: number[];
}

/** Sample labels in one table (pprof Sample.label): one row per (sample, label). */
export interface LabelTable {
  sample: number[];
  key: number[];
  /** String value (string index), 0 when the label is numeric. */
  str: number[];
  /** Numeric value; meaningful only when `str` is 0. */
  num: number[];
  /** Unit of a numeric value (string index; 0 when none). */
  unit: number[];
}

/**
 * Typed columns, not JS arrays: a sample costs 4 + 8 per value (+ 8 with a
 * time) bytes, where a number[] costs 8 an entry plus the slack and copies of
 * its growth; a 60 MB cpuprofile holds 15M samples (issue 10).
 */
export interface SampleTable {
  /** Leaf stack row of each sample (stack rows stay under 2^30, see builder.ts). */
  stack: Int32Array;
  /** One column per sample type, each as long as `stack`. */
  values: Float64Array[];
  /**
   * Nanoseconds since `startTimeMs` at which each sample was taken, or null
   * when the format carries no per-sample times (pprof, collapsed).
   */
  timeNs: Float64Array | null;
}

export interface Profile {
  format: ProfileFormat;
  kind: ProfileKind;
  strings: string[];
  functions: FunctionTable;
  frames: FrameTable;
  stacks: StackTable;
  samples: SampleTable;
  labels: LabelTable;
  sampleTypes: ValueType[];
  /** Index into sampleTypes to show first (pprof default_sample_type, else the last type as pprof does). */
  defaultSampleType: number;
  /** Sampling period and what it measures (pprof period/period_type); null when unknown. */
  period: number | null;
  periodType: ValueType | null;
  /** Wall-clock capture start in milliseconds since the Unix epoch, null when unknown. */
  startTimeMs: number | null;
  /** Capture duration in nanoseconds, null when unknown. */
  durationNs: number | null;
  /** Free-form notes from the file (pprof comment[]). */
  comments: string[];
  /** Service and item-level labels, when the file names them (shared/capture); absent: it names none. */
  capture?: CaptureTags;
}

/** A growable, interning string table whose index 0 is "". */
export class StringTable {
  readonly strings: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  intern(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

export function emptyProfile(format: ProfileFormat, kind: ProfileKind, sampleTypes: ValueType[]): Profile {
  return {
    format,
    kind,
    strings: [''],
    functions: { name: [], systemName: [], file: [], startLine: [] },
    frames: { func: [], line: [], column: [], address: [], inlined: [] },
    stacks: { frame: [], parent: [] },
    samples: { stack: new Int32Array(0), values: sampleTypes.map(() => new Float64Array(0)), timeNs: null },
    labels: { sample: [], key: [], str: [], num: [], unit: [] },
    sampleTypes,
    defaultSampleType: Math.max(0, sampleTypes.length - 1),
    period: null,
    periodType: null,
    startTimeMs: null,
    durationNs: null,
    comments: [],
  };
}

/** Sum of each sample type's column. */
export function sampleTotals(profile: Profile): number[] {
  return profile.samples.values.map((column) => {
    let total = 0;
    for (const v of column) total += v;
    return total;
  });
}
