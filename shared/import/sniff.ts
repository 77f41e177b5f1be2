/**
 * Decides a file's format from its bytes: gzip magic (then the content
 * inside), a JSON document's structure, a profile.proto structure check,
 * folded-stack lines. The file name only breaks ties between two plausible
 * readings and picks the more useful reason when nothing matches.
 *
 * The sniffer hands over what it already decoded (gunzipped bytes, parsed
 * JSON, decoded text) so that no importer repeats that work.
 */
import { parseFoldedLine } from './collapsed';
import { DecompressionError, isGzip, type Decompressor } from './decompress';
import { fail, ImportFailure, LimitExceeded } from './errors';
import { classifyJson } from './json-formats';
import { checkLimit, type ImportLimits } from './limits';
import { checkProfileWire, startsWithProfileTag } from './protobuf-wire';
import { byteOrderMark, decodeText, decodeTextPrefix } from './text';

export type Payload =
  /** The sniffer has already run checkProfileWire over these bytes. */
  | { format: 'pprof'; bytes: Uint8Array; wireChecked: true }
  | { format: 'cpuprofile'; json: unknown }
  | { format: 'collapsed'; text: string };

export interface Sniffed {
  payload: Payload;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
}

const PREFIX_BYTES = 64 * 1024;
const LINES_TO_SNIFF = 50;
const NOT_SUPPORTED = 'which Kiln does not import yet';

export function sniff(bytes: Uint8Array, fileName: string, decompressor: Decompressor, limits: ImportLimits): Sniffed {
  if (bytes.length === 0) fail('empty file');
  if (!isGzip(bytes)) return { payload: sniffUncompressed(bytes, fileName, limits), compressed: false };

  let inner: Uint8Array;
  try {
    inner = decompressor.gunzip(bytes, limits.maxDecompressedBytes);
  } catch (error) {
    if (error instanceof DecompressionError) return fail(error.reason);
    throw error;
  }
  checkLimit('decompressed size in bytes', inner.length, limits, 'maxDecompressedBytes');
  if (inner.length === 0) fail('gzip data decompresses to an empty file');
  if (isGzip(inner)) fail('gzip data inside gzip data is not supported');
  return { payload: sniffUncompressed(inner, fileName, limits), compressed: true };
}

function sniffUncompressed(data: Uint8Array, fileName: string, limits: ImportLimits): Payload {
  const bom = byteOrderMark(data);
  const prefix = decodeTextPrefix(data, PREFIX_BYTES);
  const start = prefix.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    return sniffJson(data);
  }

  let protobufFailure: string | null = null;
  let protobufPlausible = false;
  if (!bom && startsWithProfileTag(data)) {
    try {
      checkProfileWire(data, limits);
      const textToo = looksLikeText(prefix) && looksFolded(prefix);
      if (!textToo || !TEXT_NAME.test(fileName)) return { format: 'pprof', bytes: data, wireChecked: true };
    } catch (error) {
      if (!(error instanceof ImportFailure) || error instanceof LimitExceeded) throw error;
      protobufFailure = error.reason;
      protobufPlausible = PPROF_NAME.test(fileName);
    }
    // Corrupt after a first field that parsed: it is a damaged pprof, say so.
    protobufPlausible ||= firstFieldParses(data);
  }

  if (looksLikeText(prefix)) {
    if (looksFolded(prefix)) return { format: 'collapsed', text: decodeText(data).text };
    const known = knownTextFormat(start);
    if (known) return fail(known);
  }
  if (protobufFailure !== null && protobufPlausible) return fail(protobufFailure);
  return fail(knownBinaryFormat(data) ?? 'unknown format: not pprof (protobuf), a V8 .cpuprofile (JSON) or folded stacks (text)');
}

/** Names that make folded text the better reading of bytes that also parse as protobuf. */
const TEXT_NAME = /\.(txt|folded|collapsed|stacks)$/i;
/** Names that make "corrupt protobuf" the better reason than "unknown format". */
const PPROF_NAME = /\.(pb|pprof|prof|proto)(\.gz)?$|pprof/i;

function sniffJson(data: Uint8Array): Payload {
  const text = decodeText(data).text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Folded stacks may start with "[" ("[unknown];main 3"), so a failed parse is not yet an error.
    if (looksFolded(text.slice(0, PREFIX_BYTES))) return { format: 'collapsed', text };
    return fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const verdict = classifyJson(json);
  if ('format' in verdict) return { format: verdict.format, json };
  if ('unsupported' in verdict) return fail(verdict.unsupported);
  return fail(`unknown format: ${verdict.unknown}`);
}

/** Limits high enough not to interfere, for checking structure alone. */
const NO_LIMITS: ImportLimits = {
  maxInputBytes: Infinity,
  maxDecompressedBytes: Infinity,
  maxStackDepth: Infinity,
  maxSamples: Infinity,
  maxStringLength: Infinity,
};

/** Whether the first top-level field is whole and well-formed (then the data is surely meant as protobuf). */
function firstFieldParses(data: Uint8Array): boolean {
  const end = firstFieldEnd(data);
  if (end === 0) return false;
  try {
    checkProfileWire(data.subarray(0, end), NO_LIMITS);
    return true;
  } catch {
    return false;
  }
}

/** End of the first top-level field if it fits in the data, else 0. */
function firstFieldEnd(data: Uint8Array): number {
  const tag = data[0] as number;
  let pos = 1;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos < data.length; i++) {
    const byte = data[pos++] as number;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) {
      if ((tag & 7) === 0) return pos;
      return pos + value <= data.length ? pos + value : 0;
    }
  }
  return 0;
}

/** Text, not binary: no NUL characters and few undecodable bytes in the prefix. */
function looksLikeText(prefix: string): boolean {
  if (prefix.includes('\u0000')) return false;
  let replacements = 0;
  for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) === 0xfffd) replacements++;
  return replacements <= prefix.length / 100;
}

/** At least half of the first meaningful lines are `frames count`, and at least one is. */
function looksFolded(prefix: string): boolean {
  let examined = 0;
  let valid = 0;
  // The prefix may end in the middle of a line; only whole lines count.
  const lastNewline = prefix.lastIndexOf('\n');
  const whole = lastNewline >= 0 && prefix.length >= PREFIX_BYTES / 2 ? prefix.slice(0, lastNewline) : prefix;
  for (let start = 0; start <= whole.length && examined < LINES_TO_SNIFF; ) {
    let end = whole.indexOf('\n', start);
    if (end < 0) end = whole.length;
    const line = whole.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    examined++;
    if (parseFoldedLine(line)) valid++;
  }
  return valid > 0 && valid * 2 >= examined;
}

function knownTextFormat(start: string): string | null {
  if (/^(heap profile:|--- (heapz|growthz|contentionz|contention|threadz)|goroutine profile:|threadcreate profile:)/.test(start)) {
    return `looks like a legacy text pprof profile, ${NOT_SUPPORTED}; convert it with "go tool pprof -proto"`;
  }
  return null;
}

function knownBinaryFormat(data: Uint8Array): string | null {
  const ascii = String.fromCharCode(...data.subarray(0, 8));
  if (ascii.startsWith('PK\u0003\u0004')) return 'looks like a ZIP archive, which Kiln does not import';
  if (ascii.startsWith('FLR\u0000')) return `looks like a Java Flight Recorder recording (.jfr), ${NOT_SUPPORTED}`;
  if (ascii.startsWith('PERFILE2')) {
    return 'looks like a Linux perf.data file; convert it with "perf script | stackcollapse-perf.pl" to folded stacks';
  }
  // gperftools legacy CPU profile header: words 0, 3 (header size), 0 (version), period (32- or 64-bit).
  const word32 = (i: number): number =>
    ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
  const legacy32 = data.length >= 20 && word32(0) === 0 && word32(4) === 3;
  const legacy64 = data.length >= 40 && word32(0) === 0 && word32(4) === 0 && word32(8) === 3 && word32(12) === 0;
  if (legacy32 || legacy64) {
    return `looks like a legacy binary CPU profile (gperftools), ${NOT_SUPPORTED}; convert it with "go tool pprof -proto"`;
  }
  return null;
}
