/**
 * Pass 2 of the streaming pprof reader into a format-neutral SampleSink
 * (shared/profile/sample-sink.ts), e.g. the store's writer: each sample's
 * locations become one root-parented segment of model frames, root first.
 * A pprof sample lists all its locations, so this is linear in the input; the
 * sink finds repeated paths itself. Label sets of the pass are handed to the
 * sink once each, on first use.
 */
import type { SampleSink, SinkLabel, SinkTables } from '../../profile/sample-sink';
import { ROOT_STACK } from '../../profile/sample-sink';
import type { LabelSets } from './stream-labels';
import type { ResolvedTables } from './stream-resolve';
import type { PprofSampleSink } from './stream-sink';
import { NO_STACK } from './stream-trie-sink';

/** The tables a sink for this pass is opened with (frames may grow by the "(no stack)" frame later). */
export function sinkTablesOfPprof(tables: ResolvedTables): SinkTables {
  const { model } = tables;
  return {
    strings: model.strings.strings,
    functions: model.functions,
    frames: model.frames,
    sampleTypes: tables.sampleTypes,
    defaultSampleType: tables.defaultSampleType,
  };
}

export class PprofSinkFeeder implements PprofSampleSink {
  private frames = new Int32Array(256);
  private noStackFrame = -1;
  /** Pass label set → sink label set + 1 (0: not sent yet). */
  private labelSetIds = new Int32Array(64);

  constructor(
    private readonly tables: ResolvedTables,
    private readonly labelSets: LabelSets,
    private readonly sink: SampleSink,
  ) {}

  sample(locations: Int32Array, count: number, labelSet: number, values: Float64Array): void {
    const depth = count === 0 ? this.noStack() : this.expand(locations, count);
    const stack = this.sink.stack(ROOT_STACK, this.frames, 0, depth);
    this.sink.sample(stack, values, labelSet === 0 ? 0 : this.sinkLabelSet(labelSet));
  }

  /** The sample's model frames, root first, into `frames`; returns the depth. */
  private expand(locations: Int32Array, count: number): number {
    const { frameStart, frames: localFrames } = this.tables;
    let depth = 0;
    for (let k = count - 1; k >= 0; k--) {
      const row = locations[k] as number;
      const from = frameStart[row] as number;
      const to = frameStart[row + 1] as number;
      if (depth + to - from > this.frames.length) this.grow(depth + to - from);
      const frames = this.frames;
      for (let j = from; j < to; j++) frames[depth++] = localFrames[j] as number;
    }
    return depth;
  }

  /** A sample without locations keeps its value under one "(no stack)" frame, as the model does. */
  private noStack(): number {
    if (this.noStackFrame < 0) this.noStackFrame = this.tables.model.namedFrame(NO_STACK, 0);
    this.frames[0] = this.noStackFrame;
    return 1;
  }

  private sinkLabelSet(local: number): number {
    if (local >= this.labelSetIds.length) {
      const grown = new Int32Array(Math.max(2 * this.labelSetIds.length, local + 1));
      grown.set(this.labelSetIds);
      this.labelSetIds = grown;
    }
    let id = (this.labelSetIds[local] as number) - 1;
    if (id < 0) {
      id = this.sink.labelSet(this.labelsOf(local));
      this.labelSetIds[local] = id + 1;
    }
    return id;
  }

  /** A label set of the pass as sink labels (pprof: a label with str set is a string label, else numeric). */
  private labelsOf(local: number): SinkLabel[] {
    const strings = this.tables.fileStrings;
    const sets = this.labelSets;
    const labels: SinkLabel[] = [];
    for (let i = 0, n = sets.size(local); i < n; i++) {
      const key = strings[sets.get(local, i, 0)] as string;
      const str = sets.get(local, i, 1);
      const unit = sets.get(local, i, 3);
      if (str !== 0) labels.push([key, strings[str] as string, null, null]);
      else labels.push([key, null, sets.get(local, i, 2), unit === 0 ? null : (strings[unit] as string)]);
    }
    return labels;
  }

  private grow(needed: number): void {
    let size = this.frames.length * 2;
    while (size < needed) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.frames);
    this.frames = grown;
  }
}
