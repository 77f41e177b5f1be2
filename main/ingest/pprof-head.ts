/**
 * Whether a file goes through the streaming pprof decoder, decided from its
 * first (inflated) bytes by the sniffer itself, so that streaming never
 * changes which format a file is read as.
 *
 * The sniffer (shared/import/sniff.ts) judges whole files: it runs the
 * profile.proto structure check over all the bytes. A head cut mid-field
 * fails that check, so the head is cut after its last complete top-level
 * field instead. Those fields are a whole Profile message (protobuf fields
 * may come in any order and any may be missing), and `detectFormat` over
 * them gives the sniffer's verdict with its order of checks (heap snapshot,
 * JSON, JFR, pprof's legacy binary format, then protobuf) and its tie-breaks
 * with text. Anything else, or a head that is not clean protobuf up to the
 * cut, is read the whole-buffer way, exactly as before.
 */
import { DecompressionError, type Decompressor } from '../../shared/import/decompress';
import { detectFormat } from '../../shared/import/index';
import type { ImportLimits } from '../../shared/import/limits';

/** Enough for thousands of samples; a first field longer than this (a sample 100k frames deep) is not streamed. */
export const PPROF_HEAD_BYTES = 1024 * 1024;

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const MAX_VARINT_BYTES = 10;

/** The head is already inflated: gzip inside gzip is the whole-file path's error to report. */
const noNestedGzip: Decompressor = {
  gunzip: () => {
    throw new DecompressionError('gzip data inside gzip data');
  },
};

export function headIsPprof(head: Uint8Array, fileName: string, limits: ImportLimits): boolean {
  const end = endOfCompleteFields(head);
  if (end === 0) return false;
  try {
    return detectFormat(head.subarray(0, end), fileName, { decompressor: noNestedGzip, limits }).format === 'pprof';
  } catch {
    return false;
  }
}

/**
 * Offset just past the last complete top-level field, or 0 when a tag or wire
 * type is malformed before the head runs out (then it is not clean protobuf).
 * Wire format (protobuf encoding spec): tag = field << 3 | wire type, every
 * profile.proto tag fits one byte; wire type 0 is a varint, 2 a varint length
 * and that many bytes; profile.proto uses no other.
 */
export function endOfCompleteFields(head: Uint8Array): number {
  let end = 0;
  let pos = 0;
  while (pos < head.length) {
    const tag = head[pos] as number;
    if (tag >= 0x80 || tag >> 3 === 0) return 0;
    const wire = tag & 7;
    if (wire !== WIRE_VARINT && wire !== WIRE_LENGTH_DELIMITED) return 0;
    const varint = readVarint(head, pos + 1);
    if (varint === null) return end;
    if (varint === 'malformed') return 0;
    pos = varint.next;
    if (wire === WIRE_LENGTH_DELIMITED) {
      if (varint.value > head.length - pos) return end;
      pos += varint.value;
    }
    end = pos;
  }
  return end;
}

/** null when the head ends inside the varint; 'malformed' when it is longer than ten bytes. */
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | null | 'malformed' {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = bytes[start + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, next: start + i + 1 };
  }
  return 'malformed';
}
