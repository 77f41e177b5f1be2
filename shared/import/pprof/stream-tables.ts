/**
 * Pass 1 of the streaming pprof reader: every top-level Profile field except
 * `sample`, decoded into flat records, while samples are only counted. The
 * records keep profile.proto's raw ids and string indices: the string table
 * may come last (Go writes it after everything else), so nothing is resolved
 * until the pass is over (pprof-stream-resolve.ts).
 *
 * profile.proto field numbers (google/pprof proto/profile.proto):
 *   Profile: 1 sample_type, 2 sample, 3 mapping, 4 location, 5 function,
 *     6 string_table, 7 drop_frames, 8 keep_frames, 9 time_nanos,
 *     10 duration_nanos, 11 period_type, 12 period, 13 comment,
 *     14 default_sample_type, 15 doc_url
 *   ValueType: 1 type, 2 unit          Mapping: 1 id, 5 filename, 6 build_id (others unused here)
 *   Location: 1 id, 2 mapping_id, 3 address, 4 line, 5 is_folded
 *   Line: 1 function_id, 2 line, 3 column
 *   Function: 1 id, 2 name, 3 system_name, 4 filename, 5 start_line
 */
import { checkLimit, type ImportLimits } from '../limits';
import type { IdKey } from './numbers';
import { MessageReader, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './stream-reader';
import type { TopLevelSink } from './stream-wire';

export const SAMPLE_FIELD = 2;
/** The fields pass 1 reads: all that profile.proto defines except sample (2). */
export const TABLE_FIELDS = [1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14];

/** A ValueType by raw string indices. */
export interface RawValueType {
  type: number;
  unit: number;
}

/** One column per field; row i of each is the i-th message of its kind in the file. */
export interface RawTables {
  strings: string[];
  sampleTypes: RawValueType[];
  periodType: RawValueType | null;
  period: number;
  timeNanos: number;
  durationNanos: number;
  comments: number[];
  defaultSampleType: number;
  sampleCount: number;
  functions: { id: IdKey[]; name: number[]; systemName: number[]; filename: number[]; startLine: number[] };
  mappings: { id: IdKey[]; filename: number[]; buildId: number[] };
  /** `lineStart[i]…lineStart[i + 1]` are location i's rows in `lines`. */
  locations: {
    id: IdKey[];
    mappingId: IdKey[];
    addressLo: number[];
    addressHi: number[];
    lineStart: number[];
  };
  lines: { functionId: IdKey[]; line: number[]; column: number[] };
}

const TWO_32 = 4294967296;
/** Ids are uint64s; below 2^53 they are plain numbers, above that exact bigints (pprof-numbers.ts IdKey). */
export function idKeyOf(lo: number, hi: number): IdKey {
  return hi < 0x200000 ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
}

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
// TextDecoder is a global in Node and in browsers but not in lib ES2022 (see text.ts). Its
// defaults match pprof-format's strings: invalid UTF-8 becomes U+FFFD and a leading BOM is dropped.
const utf8 = new (globalThis as unknown as { TextDecoder: new (label: string) => TextDecoderLike }).TextDecoder(
  'utf-8',
);

export class TablesPass implements TopLevelSink {
  readonly tables: RawTables = {
    strings: [],
    sampleTypes: [],
    periodType: null,
    period: 0,
    timeNanos: 0,
    durationNanos: 0,
    comments: [],
    defaultSampleType: 0,
    sampleCount: 0,
    functions: { id: [], name: [], systemName: [], filename: [], startLine: [] },
    mappings: { id: [], filename: [], buildId: [] },
    locations: { id: [], mappingId: [], addressLo: [], addressHi: [], lineStart: [0] },
    lines: { functionId: [], line: [], column: [] },
  };
  private readonly reader = new MessageReader();
  private readonly limits: ImportLimits;

  constructor(limits: ImportLimits) {
    this.limits = limits;
  }

  skipped(field: number): void {
    if (field !== SAMPLE_FIELD) return;
    const count = ++this.tables.sampleCount;
    checkLimit('sample count', count, this.limits, 'maxSamples');
  }

  field(field: number, wire: number, bytes: Uint8Array, start: number, end: number, base: number): void {
    const r = this.reader;
    const t = this.tables;
    r.open(bytes, start, end, base, 'Profile');
    switch (field) {
      case 1:
        t.sampleTypes.push(this.valueType());
        return;
      case 3:
        this.mapping();
        return;
      case 4:
        this.location();
        return;
      case 5:
        this.function();
        return;
      case 6:
        this.string(bytes, start, end);
        return;
      case 9:
        t.timeNanos = this.int64();
        return;
      case 10:
        t.durationNanos = this.int64();
        return;
      case 11:
        t.periodType = this.valueType();
        return;
      case 12:
        t.period = this.int64();
        return;
      case 13:
        // repeated int64: one varint, or packed (wire type 2) varints.
        if (wire === WIRE_VARINT) t.comments.push(this.uint64());
        else while (r.pos < r.end) t.comments.push(this.uint64());
        return;
      case 14:
        t.defaultSampleType = this.uint64();
        return;
    }
  }

  private int64(): number {
    this.reader.varint();
    return this.reader.int64();
  }

  private uint64(): number {
    this.reader.varint();
    return this.reader.uint64();
  }

  private string(bytes: Uint8Array, start: number, end: number): void {
    const value = utf8.decode(bytes.subarray(start, end));
    checkLimit('string length', value.length, this.limits, 'maxStringLength');
    this.tables.strings.push(value);
  }

  private valueType(): RawValueType {
    const r = this.reader;
    r.message = 'ValueType';
    const value: RawValueType = { type: 0, unit: 0 };
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1 || field === 2) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        if (field === 1) value.type = this.uint64();
        else value.unit = this.uint64();
      } else r.skip(field, wire, tagAt);
    }
    return value;
  }

  private mapping(): void {
    const r = this.reader;
    r.message = 'Mapping';
    let id: IdKey = 0;
    let filename = 0;
    let buildId = 0;
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        r.varint();
        id = idKeyOf(r.lo, r.hi);
      } else if (field === 5) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        filename = this.uint64();
      } else if (field === 6) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        buildId = this.uint64();
      } else r.skip(field, wire, tagAt);
    }
    this.tables.mappings.id.push(id);
    this.tables.mappings.filename.push(filename);
    this.tables.mappings.buildId.push(buildId);
  }

  private location(): void {
    const r = this.reader;
    const { locations, lines } = this.tables;
    r.message = 'Location';
    let id: IdKey = 0;
    let mappingId: IdKey = 0;
    let addressLo = 0;
    let addressHi = 0;
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1 || field === 2 || field === 3) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        r.varint();
        if (field === 1) id = idKeyOf(r.lo, r.hi);
        else if (field === 2) mappingId = idKeyOf(r.lo, r.hi);
        else {
          addressLo = r.lo;
          addressHi = r.hi;
        }
      } else if (field === 4) {
        r.expectWire(field, wire, WIRE_LENGTH_DELIMITED, tagAt);
        const lineEnd = r.lengthEnd(field, tagAt);
        this.line(lineEnd);
      } else r.skip(field, wire, tagAt);
    }
    locations.id.push(id);
    locations.mappingId.push(mappingId);
    locations.addressLo.push(addressLo);
    locations.addressHi.push(addressHi);
    locations.lineStart.push(lines.functionId.length);
  }

  /** One Location.line, read up to `lineEnd`; the reader is left after it, in Location. */
  private line(lineEnd: number): void {
    const r = this.reader;
    const outerEnd = r.end;
    r.end = lineEnd;
    r.message = 'Line';
    let functionId: IdKey = 0;
    let line = 0;
    let column = 0;
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field >= 1 && field <= 3) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        r.varint();
        if (field === 1) functionId = idKeyOf(r.lo, r.hi);
        else if (field === 2) line = r.int64();
        else column = r.int64();
      } else r.skip(field, wire, tagAt);
    }
    r.end = outerEnd;
    r.message = 'Location';
    this.tables.lines.functionId.push(functionId);
    this.tables.lines.line.push(line);
    this.tables.lines.column.push(column);
  }

  private function(): void {
    const r = this.reader;
    const { functions } = this.tables;
    r.message = 'Function';
    let id: IdKey = 0;
    let name = 0;
    let systemName = 0;
    let filename = 0;
    let startLine = 0;
    while (r.pos < r.end) {
      const tagAt = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field >= 1 && field <= 5) {
        r.expectWire(field, wire, WIRE_VARINT, tagAt);
        r.varint();
        if (field === 1) id = idKeyOf(r.lo, r.hi);
        else if (field === 2) name = r.uint64();
        else if (field === 3) systemName = r.uint64();
        else if (field === 4) filename = r.uint64();
        else startLine = r.int64();
      } else r.skip(field, wire, tagAt);
    }
    functions.id.push(id);
    functions.name.push(name);
    functions.systemName.push(systemName);
    functions.filename.push(filename);
    functions.startLine.push(startLine);
  }
}
