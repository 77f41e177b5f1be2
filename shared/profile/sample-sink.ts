/**
 * Where every importer's samples go, whatever the format: the one interface
 * between reading a profile and storing it (main/store/sample-writer.ts is
 * the sink that writes SQLite).
 *
 * A stack is its parent stack (or ROOT_STACK) plus a segment of frames below
 * it, root first, so a feeder passes each frame once however deep the stacks
 * are: an in-memory profile's prefix tree becomes a compressed trie
 * (profile-to-sink.ts), a pprof sample, which lists all its locations anyway,
 * is one root-parented segment. A sample is a stack, one value per sample
 * type, a label set and, for formats that record it, a time.
 *
 * Frames are rows of the frame table the sink was opened with (SinkTables);
 * the table may grow while samples arrive (a feeder may add a frame for
 * "(no stack)"), never change. Arguments are scratch the feeder may reuse:
 * a sink copies what it keeps.
 */
import type { FrameTable, FunctionTable, ValueType } from './model';

/** The parent of a stack that starts at the root. */
export const ROOT_STACK = -1;

/** One sample label: a string label has str, a numeric one num (and maybe a unit). */
export type SinkLabel = [key: string, str: string | null, num: number | null, unit: string | null];

/** What a sink needs before the first sample: the tables frames point into, and what the values measure. */
export interface SinkTables {
  strings: readonly string[];
  functions: FunctionTable;
  frames: FrameTable;
  sampleTypes: readonly ValueType[];
  /** The sample type catalogue search and `kiln top` rank by. */
  defaultSampleType: number;
}

export interface SampleSink {
  /**
   * The stack `frames[from … to)` (root first) below `parent` (ROOT_STACK or a number this sink returned);
   * returns its number. The same (parent, frames) may come back with the same number, so a feeder that does not
   * share prefixes itself (pprof) loses nothing. A segment is never empty.
   */
  stack(parent: number, frames: ArrayLike<number>, from: number, to: number): number;
  /** The number of a label set (0 is "no labels"); a feeder asks once per distinct set. */
  labelSet(labels: SinkLabel[]): number;
  /** One sample; `values` has one entry per sample type; `timeNs` (since the capture start) when the format has it. */
  sample(stack: number, values: ArrayLike<number>, labelSet: number, timeNs?: number): void;
}
