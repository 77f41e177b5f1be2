/**
 * The two passes of the pprof reader over one byte stream, fed push-style:
 * `feed` the whole stream, `endTables()`, `feed` it again from the start,
 * `endSamples()`. Both the sync importer (pprof.ts, one in-memory chunk) and
 * the async streaming one (pprof-stream.ts) drive this class.
 *
 * Two passes because profile.proto does not order its fields and writers
 * differ: Go writes the string table last, so a sample cannot be named
 * until everything but the samples has been read.
 *
 * Pass 2 hands each sample to a PprofSampleSink. By default that is a TrieSink
 * and `endSamples()` builds the model from it; the store's streaming writer
 * passes its own sink to `endTables` and ends with `finishSamples()`.
 */
import type { LabelTable, Profile } from '../../profile/model';
import type { ImportLimits } from '../limits';
import type { LabelSets } from './stream-labels';
import { resolveTables, type ResolvedTables } from './stream-resolve';
import { SamplesPass } from './stream-samples';
import type { PprofSampleSink } from './stream-sink';
import { TrieSink } from './stream-trie-sink';
import { SAMPLE_FIELD, TABLE_FIELDS, TablesPass } from './stream-tables';
import { checkSamePassLength, TopLevelFields, wantedFields } from './stream-wire';

const TABLES_WANTED = wantedFields(TABLE_FIELDS);
const SAMPLES_WANTED = wantedFields([SAMPLE_FIELD]);

export class PprofPasses {
  private readonly limits: ImportLimits;
  private tablesPass: TablesPass | null;
  private samplesPass: SamplesPass | null = null;
  private trieSink: TrieSink | null = null;
  private resolved: ResolvedTables | null = null;
  private wire: TopLevelFields;
  private tablesBytes = -1;

  constructor(limits: ImportLimits) {
    this.limits = limits;
    this.tablesPass = new TablesPass(limits);
    this.wire = new TopLevelFields(this.tablesPass, TABLES_WANTED, limits);
  }

  get pass(): 1 | 2 {
    return this.samplesPass ? 2 : 1;
  }

  /** Bytes fed in the current pass. */
  get bytes(): number {
    return this.wire.offset;
  }

  /** Bytes of the whole stream, once pass 1 is over. */
  get totalBytes(): number | null {
    return this.tablesBytes >= 0 ? this.tablesBytes : null;
  }

  /** Pass 1: samples seen (counted); pass 2: samples folded. */
  get samples(): number {
    return this.samplesPass ? this.samplesPass.samples : (this.tablesPass?.tables.sampleCount ?? 0);
  }

  /** Samples in the stream, once pass 1 is over. */
  get totalSamples(): number | null {
    return this.resolved ? this.resolved.sampleCount : null;
  }

  feed(chunk: Uint8Array): void {
    this.wire.feed(chunk);
  }

  /**
   * Ends pass 1: checks and resolves the tables; the stream must then be fed
   * again from its start. `sinkFor` makes the sink of pass 2 from the
   * resolved tables and the label sets the pass will intern; without it the
   * samples build the model (`endSamples`).
   */
  endTables(sinkFor?: (tables: ResolvedTables, labelSets: LabelSets) => PprofSampleSink): ResolvedTables {
    if (!this.tablesPass) throw new Error('PprofPasses.endTables() called twice');
    this.wire.finish();
    this.tablesBytes = this.wire.offset;
    const resolved = resolveTables(this.tablesPass.tables);
    this.resolved = resolved;
    this.tablesPass = null;
    const samplesPass = new SamplesPass(resolved, this.limits);
    if (sinkFor) samplesPass.useSink(sinkFor(resolved, samplesPass.labelSets));
    else {
      this.trieSink = new TrieSink(resolved, this.limits);
      samplesPass.useSink(this.trieSink);
    }
    this.samplesPass = samplesPass;
    this.wire = new TopLevelFields(samplesPass, SAMPLES_WANTED, this.limits);
    return resolved;
  }

  /** Ends pass 2: checks that it read what pass 1 did. */
  finishSamples(): void {
    const samples = this.samplesPass;
    if (!samples || !this.resolved) throw new Error('PprofPasses.finishSamples() called before endTables()');
    this.wire.finish();
    checkSamePassLength(this.tablesBytes, this.wire.offset);
    samples.finish();
  }

  /** Ends pass 2 and returns the profile (only when pass 2 folded into the model's TrieSink). */
  endSamples(): Profile {
    this.finishSamples();
    const samples = this.samplesPass as SamplesPass;
    const trieSink = this.trieSink;
    if (!trieSink) throw new Error('PprofPasses.endSamples(): pass 2 went to a sink of the caller');
    this.samplesPass = null;
    this.trieSink = null;
    return buildProfile(this.resolved as ResolvedTables, samples.labelSets, trieSink);
  }
}

function buildProfile(tables: ResolvedTables, labelSets: LabelSets, sink: TrieSink): Profile {
  const { rows } = sink;
  const labels: LabelTable = { sample: [], key: [], str: [], num: [], unit: [] };
  // File string 0 is "" and so is model string 0: no lookup for it.
  const modelString = (fileIndex: number): number => (fileIndex === 0 ? 0 : tables.modelString(fileIndex));
  for (let row = 0; row < rows.count; row++) {
    const set = rows.labelSetOf(row);
    if (set === 0) continue;
    for (let i = 0, n = labelSets.size(set); i < n; i++) {
      labels.sample.push(row);
      labels.key.push(modelString(labelSets.get(set, i, 0)));
      labels.str.push(modelString(labelSets.get(set, i, 1)));
      labels.num.push(labelSets.get(set, i, 2));
      labels.unit.push(modelString(labelSets.get(set, i, 3)));
    }
  }
  const samples = rows.toColumns();
  const { model } = tables;
  return {
    format: 'pprof',
    kind: tables.kind,
    strings: model.strings.strings,
    functions: model.functions,
    frames: model.frames,
    stacks: sink.trie.toColumns(),
    samples: { stack: samples.stack, values: samples.values, timeNs: null },
    labels,
    sampleTypes: tables.sampleTypes,
    defaultSampleType: tables.defaultSampleType,
    period: tables.period,
    periodType: tables.periodType,
    startTimeMs: tables.startTimeMs,
    durationNs: tables.durationNs,
    comments: tables.comments,
    capture: tables.capture,
  };
}
