/**
 * Pass 2 of the streaming pprof reader: each top-level `sample` field is
 * decoded into reused scratch arrays and folded straight into the stack trie
 * and the (stack, label set) rows; no object is made per sample.
 *
 * Sample (profile.proto): 1 location_id (repeated uint64, leaf first),
 * 2 value (repeated int64, one per sample_type), 3 label (Label: 1 key,
 * 2 str, 3 num, 4 num_unit). Repeated scalars come packed (wire type 2) or
 * one per field (wire type 0); a conforming reader accepts both. A label is
 * a string label when str is set, else numeric; labels with an empty key
 * are dropped. The checked sample goes to a PprofSampleSink (pprof-stream-sink.ts).
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import { LabelSets } from './stream-labels';
import { MessageReader, uint64Text, WIRE_VARINT } from './stream-reader';
import type { ResolvedTables } from './stream-resolve';
import type { PprofSampleSink } from './stream-sink';
import type { TopLevelSink } from './stream-wire';

export { NO_STACK } from './stream-trie-sink';

// Tags (field << 3 | wire type) of the Sample fields, packed and not.
const LOCATION_IDS_PACKED = (1 << 3) | 2;
const LOCATION_ID = (1 << 3) | 0;
const VALUES_PACKED = (2 << 3) | 2;
const VALUE = (2 << 3) | 0;
const LABEL = (3 << 3) | 2;
const LABEL_FIELDS = 4;

export class SamplesPass implements TopLevelSink {
  /** Samples folded so far. */
  samples = 0;
  readonly labelSets = new LabelSets();
  private sink: PprofSampleSink | null = null;

  private readonly tables: ResolvedTables;
  private readonly limits: ImportLimits;
  private readonly reader = new MessageReader();
  private readonly typeCount: number;

  // Scratch for the sample being read.
  private locations = new Int32Array(256);
  private locationCount = 0;
  private depth = 0;
  /** Uint64 halves of the first location id that does not exist (missingLo < 0: none). */
  private missingLo = -1;
  private missingHi = 0;
  private values: Float64Array;
  private valueCount = 0;
  /** Raw labels: key, str, num, unit per label. */
  private labels = new Float64Array(LABEL_FIELDS * 8);
  private labelCount = 0;

  constructor(tables: ResolvedTables, limits: ImportLimits) {
    this.tables = tables;
    this.limits = limits;
    this.typeCount = tables.sampleTypes.length;
    this.values = new Float64Array(this.typeCount);
  }

  /** Where checked samples go; set before the first byte of pass 2. */
  useSink(sink: PprofSampleSink): void {
    this.sink = sink;
  }

  skipped(): void {}

  field(_field: number, _wire: number, bytes: Uint8Array, start: number, end: number, base: number): void {
    const index = this.samples++;
    this.read(bytes, start, end, base);
    this.check(index);
    this.fold(index);
  }

  /** Fails unless pass 2 saw as many samples as pass 1 counted. */
  finish(): void {
    if (this.samples !== this.tables.sampleCount) {
      fail(
        `the data changed between the two passes of the pprof reader (${this.tables.sampleCount} samples, then ${this.samples})`,
      );
    }
  }

  private read(bytes: Uint8Array, start: number, end: number, base: number): void {
    const r = this.reader;
    r.open(bytes, start, end, base, 'Sample');
    this.locationCount = 0;
    this.depth = 0;
    this.missingLo = -1;
    this.valueCount = 0;
    this.labelCount = 0;
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      if (tag === LOCATION_IDS_PACKED) {
        const stop = r.lengthEnd(1, tagAt);
        const outer = r.end;
        r.end = stop;
        while (r.pos < stop) {
          r.varint();
          this.addLocation(r.lo, r.hi);
        }
        r.end = outer;
      } else if (tag === LOCATION_ID) {
        r.varint();
        this.addLocation(r.lo, r.hi);
      } else if (tag === VALUES_PACKED) {
        const stop = r.lengthEnd(2, tagAt);
        const outer = r.end;
        r.end = stop;
        while (r.pos < stop) {
          r.varint();
          this.addValue(r.int64());
        }
        r.end = outer;
      } else if (tag === VALUE) {
        r.varint();
        this.addValue(r.int64());
      } else if (tag === LABEL) {
        this.readLabel(r.lengthEnd(3, tagAt));
      } else r.skip(tag >>> 3, tag & 7, tagAt);
    }
  }

  private addLocation(lo: number, hi: number): void {
    const tables = this.tables;
    const row = tables.locationIndex.get(lo, hi);
    if (row < 0) {
      if (this.missingLo < 0) {
        this.missingLo = lo;
        this.missingHi = hi;
      }
      return;
    }
    const n = this.locationCount;
    if (n === this.locations.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.locations);
      this.locations = grown;
    }
    this.locations[n] = row;
    this.locationCount = n + 1;
    this.depth += (tables.frameStart[row + 1] as number) - (tables.frameStart[row] as number);
  }

  private addValue(value: number): void {
    // Extra values are counted, not kept: the sample is refused for them in check().
    if (this.valueCount < this.typeCount) this.values[this.valueCount] = value;
    this.valueCount++;
  }

  private readLabel(stop: number): void {
    const r = this.reader;
    const outer = r.end;
    r.end = stop;
    r.message = 'Label';
    let key = 0;
    let str = 0;
    let num = 0;
    let unit = 0;
    while (r.pos < stop) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field >= 1 && field <= 4) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        r.varint();
        if (field === 1) key = r.uint64();
        else if (field === 2) str = r.uint64();
        else if (field === 3) num = r.int64();
        else unit = r.uint64();
      } else r.skip(field, wire, tagAt);
    }
    r.end = outer;
    r.message = 'Sample';
    let at = LABEL_FIELDS * this.labelCount;
    if (at + LABEL_FIELDS > this.labels.length) {
      const grown = new Float64Array(this.labels.length * 2);
      grown.set(this.labels);
      this.labels = grown;
    }
    const labels = this.labels;
    labels[at++] = key;
    labels[at++] = str;
    labels[at++] = num;
    labels[at] = unit;
    this.labelCount++;
  }

  /** The checks of a whole sample, in the order the earlier decoder made them. */
  private check(index: number): void {
    if (this.valueCount !== this.typeCount) {
      fail(
        `corrupt profile: sample ${index} has ${this.valueCount} values but there are ${this.typeCount} sample types`,
      );
    }
    if (this.missingLo >= 0) {
      fail(
        `corrupt profile: sample ${index} refers to location ${uint64Text(this.missingLo, this.missingHi)}, which does not exist`,
      );
    }
    checkLimit('stack depth', this.depth, this.limits, 'maxStackDepth');
  }

  private fold(index: number): void {
    const sink = this.sink;
    if (!sink) throw new Error('SamplesPass: no sink to fold samples into');
    const labelSet = this.labelCount === 0 ? 0 : this.labelSet(index);
    sink.sample(this.locations, this.locationCount, labelSet, this.values);
  }

  /** Checks the sample's label strings and interns its label set. */
  private labelSet(index: number): number {
    const strings = this.tables.fileStrings;
    const sets = this.labelSets;
    const labels = this.labels;
    sets.begin();
    for (let i = 0; i < this.labelCount; i++) {
      const key = labels[LABEL_FIELDS * i] as number;
      const str = labels[LABEL_FIELDS * i + 1] as number;
      const num = labels[LABEL_FIELDS * i + 2] as number;
      const unit = labels[LABEL_FIELDS * i + 3] as number;
      // Checked inline: this runs per label of every sample, so no message is built unless one fails.
      if (!(key < strings.length)) badLabelString(strings, key, `sample ${index} label key`);
      const keyText = strings[key] as string;
      if (keyText === '') continue;
      if (str !== 0) {
        if (!(str < strings.length)) badLabelString(strings, str, `sample ${index} label ${keyText}`);
        sets.add(key, str, 0, 0);
      } else {
        if (!(unit < strings.length)) badLabelString(strings, unit, `sample ${index} label ${keyText} unit`);
        sets.add(key, 0, num, unit);
      }
    }
    return sets.intern();
  }
}

function badLabelString(strings: readonly string[], index: number, what: string): never {
  return fail(`corrupt profile: ${what} refers to string ${index}, but the table has ${strings.length}`);
}
