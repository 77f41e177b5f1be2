/**
 * A structural check of protobuf bytes against profile.proto, before they are
 * handed to pprof-format's decoder. That decoder is lenient in ways that turn
 * corrupt input into silently wrong profiles: a length past the end is cut to
 * what is there, an unterminated varint is read anyway, and a tag longer than
 * one byte (field number > 15) is misread. Here every length, varint and wire
 * type is checked, so corrupt input fails with a reason that says where.
 *
 * Wire format facts (protobuf encoding spec): a tag is a varint
 * (field_number << 3 | wire_type); wire type 0 is a varint of at most 10
 * bytes, 2 is a varint length followed by that many bytes; packed repeated
 * scalars are wire type 2 holding concatenated varints.
 */
import { fail, LimitExceeded } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';

export type MessageName = 'Profile' | 'ValueType' | 'Sample' | 'Label' | 'Mapping' | 'Location' | 'Line' | 'Function';
/** varint: scalar; repeated: varint or packed; bytes: opaque (strings); otherwise a nested message. */
export type FieldRule = 'varint' | 'repeated' | 'bytes' | MessageName;

export interface FieldSpec {
  name: string;
  rule: FieldRule;
}

// Field numbers and types from google/pprof proto/profile.proto (also used by the streaming decoder).
export const SCHEMA: Record<MessageName, Record<number, FieldSpec>> = {
  Profile: {
    1: { name: 'sample_type', rule: 'ValueType' },
    2: { name: 'sample', rule: 'Sample' },
    3: { name: 'mapping', rule: 'Mapping' },
    4: { name: 'location', rule: 'Location' },
    5: { name: 'function', rule: 'Function' },
    6: { name: 'string_table', rule: 'bytes' },
    7: { name: 'drop_frames', rule: 'varint' },
    8: { name: 'keep_frames', rule: 'varint' },
    9: { name: 'time_nanos', rule: 'varint' },
    10: { name: 'duration_nanos', rule: 'varint' },
    11: { name: 'period_type', rule: 'ValueType' },
    12: { name: 'period', rule: 'varint' },
    13: { name: 'comment', rule: 'repeated' },
    14: { name: 'default_sample_type', rule: 'varint' },
    15: { name: 'doc_url', rule: 'varint' },
  },
  ValueType: { 1: { name: 'type', rule: 'varint' }, 2: { name: 'unit', rule: 'varint' } },
  Sample: {
    1: { name: 'location_id', rule: 'repeated' },
    2: { name: 'value', rule: 'repeated' },
    3: { name: 'label', rule: 'Label' },
  },
  Label: {
    1: { name: 'key', rule: 'varint' },
    2: { name: 'str', rule: 'varint' },
    3: { name: 'num', rule: 'varint' },
    4: { name: 'num_unit', rule: 'varint' },
  },
  Mapping: {
    1: { name: 'id', rule: 'varint' },
    2: { name: 'memory_start', rule: 'varint' },
    3: { name: 'memory_limit', rule: 'varint' },
    4: { name: 'file_offset', rule: 'varint' },
    5: { name: 'filename', rule: 'varint' },
    6: { name: 'build_id', rule: 'varint' },
    7: { name: 'has_functions', rule: 'varint' },
    8: { name: 'has_filenames', rule: 'varint' },
    9: { name: 'has_line_numbers', rule: 'varint' },
    10: { name: 'has_inline_frames', rule: 'varint' },
  },
  Location: {
    1: { name: 'id', rule: 'varint' },
    2: { name: 'mapping_id', rule: 'varint' },
    3: { name: 'address', rule: 'varint' },
    4: { name: 'line', rule: 'Line' },
    5: { name: 'is_folded', rule: 'varint' },
  },
  Line: {
    1: { name: 'function_id', rule: 'varint' },
    2: { name: 'line', rule: 'varint' },
    3: { name: 'column', rule: 'varint' },
  },
  Function: {
    1: { name: 'id', rule: 'varint' },
    2: { name: 'name', rule: 'varint' },
    3: { name: 'system_name', rule: 'varint' },
    4: { name: 'filename', rule: 'varint' },
    5: { name: 'start_line', rule: 'varint' },
  },
};

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/**
 * First bytes a pprof file can start with: a one-byte tag of a Profile field
 * with its proper wire type. Used by the sniffer before the full check.
 */
export function startsWithProfileTag(bytes: Uint8Array): boolean {
  const tag = bytes[0];
  if (tag === undefined || tag >= 0x80) return false;
  const spec = SCHEMA.Profile[tag >> 3];
  if (!spec) return false;
  return (tag & 7) === expectedWireType(spec.rule) || (spec.rule === 'repeated' && (tag & 7) === WIRE_VARINT);
}

function expectedWireType(rule: FieldRule): number {
  return rule === 'varint' ? WIRE_VARINT : WIRE_LENGTH_DELIMITED;
}

export interface WireSummary {
  /** Number of Profile.sample messages. */
  samples: number;
  /** Byte offset just past the first top-level field (how far the input is surely protobuf). */
  firstFieldEnd: number;
}

interface PendingMessage {
  message: MessageName;
  start: number;
  end: number;
}

/**
 * Checks the whole message tree. Iterative (an explicit work list), though
 * profile.proto nests only three deep, per the project's no-recursion rule.
 * Fails with "corrupt protobuf: …" naming the field and byte offset.
 */
export function checkProfileWire(bytes: Uint8Array, limits: ImportLimits): WireSummary {
  const summary: WireSummary = { samples: 0, firstFieldEnd: 0 };
  const pending: PendingMessage[] = [{ message: 'Profile', start: 0, end: bytes.length }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { message, end } = item;
    const schema = SCHEMA[message];
    let pos = item.start;
    while (pos < end) {
      const tagAt = pos;
      const tag = bytes[pos] as number;
      // pprof-format reads the tag as one byte; every profile.proto field fits in one.
      if (tag >= 0x80) corrupt(`${message} has a field number above 15 at byte ${tagAt} (profile.proto has none)`);
      const field = tag >> 3;
      const wire = tag & 7;
      pos++;
      if (field === 0) corrupt(`${message} has field number 0 at byte ${tagAt}`);
      const spec = schema[field];
      // Built only for an error message: this loop runs once per field of a large file.
      const label = (): string => (spec ? `${message}.${spec.name} (field ${field})` : `${message} field ${field}`);
      if (wire === WIRE_VARINT) {
        if (spec && spec.rule !== 'varint' && spec.rule !== 'repeated') {
          corrupt(`${label()} at byte ${tagAt} should be length-delimited but is a varint`);
        }
        pos = skipVarint(bytes, pos, end, label);
      } else if (wire === WIRE_LENGTH_DELIMITED) {
        if (spec && spec.rule === 'varint') {
          corrupt(`${label()} at byte ${tagAt} should be a varint but is length-delimited`);
        }
        const lengthAt = pos;
        const length = readLength(bytes, pos, end, label);
        pos = length.next;
        if (length.value > end - pos) {
          corrupt(`${label()} at byte ${tagAt} has length ${length.value}, past the end of its data at byte ${end}`);
        }
        const fieldEnd = pos + length.value;
        if (spec?.rule === 'repeated') checkPackedVarints(bytes, pos, fieldEnd, label, lengthAt);
        else if (spec?.rule === 'bytes') checkStringBytes(length.value, limits);
        else if (spec && spec.rule !== 'varint') pending.push({ message: spec.rule, start: pos, end: fieldEnd });
        pos = fieldEnd;
      } else {
        corrupt(`${label()} at byte ${tagAt} has wire type ${wire}, which profile.proto does not use`);
      }
      if (message === 'Profile') {
        if (field === 2) {
          summary.samples++;
          checkLimit('sample count', summary.samples, limits, 'maxSamples');
        }
        if (summary.firstFieldEnd === 0) summary.firstFieldEnd = pos;
      }
    }
  }
  return summary;
}

/**
 * A UTF-8 string takes at most 3 bytes per UTF-16 code unit, so a string
 * longer than 3 * maxStringLength bytes surely breaks the limit; the exact
 * check on code units happens after decoding.
 */
function checkStringBytes(byteLength: number, limits: ImportLimits): void {
  if (byteLength > 3 * limits.maxStringLength) {
    throw new LimitExceeded(
      `string of ${byteLength} bytes exceeds the limit maxStringLength=${limits.maxStringLength}`,
    );
  }
}

function corrupt(reason: string): never {
  return fail(`corrupt protobuf: ${reason}`);
}

/** Returns the offset after a varint of at most 10 bytes that ends before `end`. */
function skipVarint(bytes: Uint8Array, pos: number, end: number, label: () => string): number {
  const start = pos;
  while (pos < end) {
    const byte = bytes[pos++] as number;
    if (byte < 0x80) return pos;
    if (pos - start >= 10) corrupt(`${label()} has a varint longer than 10 bytes at byte ${start}`);
  }
  return corrupt(`${label()} has a varint cut off at byte ${start} by the end of its data at byte ${end}`);
}

function readLength(bytes: Uint8Array, pos: number, end: number, label: () => string): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  const start = pos;
  while (pos < end) {
    const byte = bytes[pos++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: pos };
    scale *= 128;
    // Five bytes already exceed any length a Uint8Array can have here.
    if (pos - start >= 5) corrupt(`${label()} has an impossibly large length at byte ${start}`);
  }
  return corrupt(`${label()} has a length cut off at byte ${start} by the end of its data at byte ${end}`);
}

function checkPackedVarints(
  bytes: Uint8Array,
  start: number,
  end: number,
  label: () => string,
  lengthAt: number,
): void {
  let run = 0;
  for (let pos = start; pos < end; pos++) {
    run = (bytes[pos] as number) >= 0x80 ? run + 1 : 0;
    if (run >= 10) corrupt(`${label()} has a varint longer than 10 bytes in the packed data at byte ${lengthAt}`);
  }
  if (end > start && (bytes[end - 1] as number) >= 0x80) {
    corrupt(`${label()} has packed data at byte ${lengthAt} that ends inside a varint`);
  }
}
