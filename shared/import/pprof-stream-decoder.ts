/**
 * The two passes of the pprof reader over one byte stream, fed push-style:
 * `feed` the whole stream, `endTables()`, `feed` it again from the start,
 * `endSamples()`. Both the sync importer (pprof.ts, one in-memory chunk) and
 * the async streaming one (pprof-stream.ts) drive this class.
 *
 * Two passes because profile.proto does not order its fields and writers
 * differ: Go writes the string table last, so a sample cannot be named
 * until everything but the samples has been read.
 */
import type { LabelTable, Profile } from '../profile/model';
import type { ImportLimits } from './limits';
import { resolveTables, type ResolvedTables } from './pprof-stream-resolve';
import { SamplesPass } from './pprof-stream-samples';
import { SAMPLE_FIELD, TABLE_FIELDS, TablesPass } from './pprof-stream-tables';
import { checkSamePassLength, TopLevelFields, wantedFields } from './pprof-stream-wire';

const TABLES_WANTED = wantedFields(TABLE_FIELDS);
const SAMPLES_WANTED = wantedFields([SAMPLE_FIELD]);

export class PprofPasses {
  private readonly limits: ImportLimits;
  private tablesPass: TablesPass | null;
  private samplesPass: SamplesPass | null = null;
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

  /** Ends pass 1: checks and resolves the tables; the stream must then be fed again from its start. */
  endTables(): void {
    if (!this.tablesPass) throw new Error('PprofPasses.endTables() called twice');
    this.wire.finish();
    this.tablesBytes = this.wire.offset;
    this.resolved = resolveTables(this.tablesPass.tables);
    this.tablesPass = null;
    this.samplesPass = new SamplesPass(this.resolved, this.limits);
    this.wire = new TopLevelFields(this.samplesPass, SAMPLES_WANTED, this.limits);
  }

  /** Ends pass 2 and returns the profile. */
  endSamples(): Profile {
    const samples = this.samplesPass;
    const resolved = this.resolved;
    if (!samples || !resolved) throw new Error('PprofPasses.endSamples() called before endTables()');
    this.wire.finish();
    checkSamePassLength(this.tablesBytes, this.wire.offset);
    samples.finish();
    this.samplesPass = null;
    return buildProfile(resolved, samples);
  }
}

function buildProfile(tables: ResolvedTables, pass: SamplesPass): Profile {
  const { rows, labelSets } = pass;
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
    stacks: pass.trie.toColumns(),
    samples: { stack: samples.stack, values: samples.values, timeNs: null },
    labels,
    sampleTypes: tables.sampleTypes,
    defaultSampleType: tables.defaultSampleType,
    period: tables.period,
    periodType: tables.periodType,
    startTimeMs: tables.startTimeMs,
    durationNs: tables.durationNs,
    comments: tables.comments,
  };
}
