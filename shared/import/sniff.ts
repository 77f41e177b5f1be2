/**
 * Decides a file's format from its bytes: gzip magic (then the content
 * inside); binary magic numbers (JFR, pprof's legacy CPU format); a heap
 * snapshot's opening bytes (it is never parsed as one JSON string); a JSON
 * document's structure; a profile.proto structure check; then the heads of
 * text formats (text-formats.ts). The file name only breaks ties between two
 * plausible readings and picks the more useful reason when nothing matches.
 *
 * The sniffer hands over what it already decoded (gunzipped bytes, parsed
 * JSON, decoded text) so that no importer repeats that work.
 */
import { parseFoldedLine } from './collapsed/collapsed';
import { DecompressionError, isGzip, type Decompressor } from './decompress';
import { fail, ImportFailure, LimitExceeded } from './errors';
import { looksLikeHeapSnapshot } from './heapsnapshot/index';
import { looksLikeJfr } from './jfr/index';
import { classifyJson, type JsonFormat } from './json-formats';
import { scanJsonObject } from './json-scan';
import { checkLimit, type ImportLimits } from './limits';
import { checkProfileWire, startsWithProfileTag } from './pprof/protobuf-wire';
import { parseUnterminatedTraceArray } from './chrome-trace/partial';
import { looksLikeLegacyCpu } from './pprof-legacy/cpu';
import { byteOrderMark, decodeText, decodeTextPrefix } from './text';
import { classifyText, type TextFormat } from './text-formats';
import { knownBinaryFormat, knownTextFormat } from './unsupported-formats';

export type Payload =
  /** The sniffer has already run checkProfileWire over these bytes. */
  | { format: 'pprof'; bytes: Uint8Array }
  /** pprof's legacy binary CPU format (gperftools, Go before protobuf, Java). */
  | { format: 'pprof-legacy-cpu'; bytes: Uint8Array }
  | { format: 'jfr'; bytes: Uint8Array }
  | { format: 'heapsnapshot'; bytes: Uint8Array }
  | { format: JsonFormat; json: unknown }
  | { format: TextFormat; text: string };

export interface Sniffed {
  payload: Payload;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
}

const PREFIX_BYTES = 64 * 1024;
const LINES_TO_SNIFF = 50;

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
  const truncated = data.length - (bom?.length ?? 0) > PREFIX_BYTES;
  const start = prefix.trimStart();
  if (looksLikeHeapSnapshot(data)) return { format: 'heapsnapshot', bytes: data };
  if (start.startsWith('{') || start.startsWith('[')) {
    // JVM unified logs ("[0.2s][info][gc]"), V8 --trace-gc ("[pid:0x…]") and PrintHeapAtGC
    // ("{Heap before GC") open like JSON; their detectors never claim a JSON document.
    const textFormat = looksLikeText(prefix) ? classifyText(prefix) : null;
    if (textFormat !== null) return { format: textFormat, text: decodeText(data).text };
    return sniffJson(data, limits);
  }
  if (looksLikeJfr(data)) return { format: 'jfr', bytes: data };
  if (looksLikeLegacyCpu(data)) return { format: 'pprof-legacy-cpu', bytes: data };

  const knownBinary = knownBinaryFormat(data);
  if (knownBinary) return fail(knownBinary);

  let protobufFailure: string | null = null;
  let protobufPlausible = false;
  if (!bom && startsWithProfileTag(data)) {
    try {
      checkProfileWire(data, limits);
      const textToo = looksLikeText(prefix) && looksFolded(prefix, truncated);
      if (!textToo || !TEXT_NAME.test(fileName)) return { format: 'pprof', bytes: data };
    } catch (error) {
      if (!(error instanceof ImportFailure) || error instanceof LimitExceeded) throw error;
      protobufFailure = error.reason;
      protobufPlausible = PPROF_NAME.test(fileName);
    }
    // Corrupt after a first field that parsed: it is a damaged pprof, say so.
    protobufPlausible ||= firstFieldParses(data);
  }

  if (looksLikeText(prefix)) {
    // A first line longer than the prefix (a stack thousands of frames deep)
    // hides its count: look at the whole text, which an import needs anyway.
    const whole = truncated && !prefix.includes('\n') ? decodeText(data).text : null;
    const textFormat = classifyText(prefix);
    if (textFormat !== null) return { format: textFormat, text: decodeText(data).text };
    const known = knownTextFormat(start);
    if (known) return fail(known);
    if (whole !== null ? looksFolded(whole, false) : looksFolded(prefix, truncated)) {
      return { format: 'collapsed', text: whole ?? decodeText(data).text };
    }
  }
  if (protobufFailure !== null && protobufPlausible) return fail(protobufFailure);
  return fail(UNKNOWN_FORMAT);
}

const UNKNOWN_FORMAT =
  'unknown format: not a profile, GC log or heap snapshot Kiln reads (see docs/FORMATS.md for the list)';

/**
 * The reason `sniff` would refuse a file whose content starts with `head`
 * (at least PREFIX_BYTES of it), when the head alone settles it; null when the
 * rest could matter. Only binary content that no binary detector claims is
 * settled here, by the same tests in the same order as sniffUncompressed, so
 * a gzip bomb of zeros is refused after inflating its head, not 1 GiB.
 */
export function refusalFromHead(head: Uint8Array): string | null {
  if (head.length === 0 || isGzip(head) || byteOrderMark(head)) return null;
  const prefix = decodeTextPrefix(head, PREFIX_BYTES);
  const start = prefix.trimStart();
  if (looksLikeHeapSnapshot(head) || start.startsWith('{') || start.startsWith('[')) return null;
  if (looksLikeJfr(head) || looksLikeLegacyCpu(head)) return null;
  const knownBinary = knownBinaryFormat(head);
  if (knownBinary) return knownBinary;
  if (startsWithProfileTag(head) || looksLikeText(prefix)) return null;
  return UNKNOWN_FORMAT;
}

/** Names that make folded text the better reading of bytes that also parse as protobuf. */
const TEXT_NAME = /\.(txt|folded|collapsed|stacks)$/i;
/** Names that make "corrupt protobuf" the better reason than "unknown format". */
const PPROF_NAME = /\.(pb|pprof|prof|proto)(\.gz)?$|pprof/i;

/** Above this size a JSON object is read by the scanner (json-scan.ts), which keeps long number arrays compact. */
const SCAN_JSON_BYTES = 1024 * 1024;

function sniffJson(data: Uint8Array, limits: ImportLimits): Payload {
  const bom = byteOrderMark(data);
  if (data.length >= SCAN_JSON_BYTES && (bom === null || bom.encoding === 'utf-8')) {
    const scanned = scanJsonObject(data, limits);
    if (scanned !== null) return jsonPayload(scanned);
  }
  const text = decodeText(data).text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Folded stacks may start with "[" ("[unknown];main 3"), so a failed parse is not yet an error.
    if (looksFolded(text, false)) return { format: 'collapsed', text };
    // The Trace Event Format makes the closing "]" of the array form optional (Chrome writes such files).
    const events = parseUnterminatedTraceArray(text);
    if (events) return { format: 'chrome-trace', json: events };
    return fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return jsonPayload(json);
}

function jsonPayload(json: unknown): Payload {
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
  maxSnapshotNodes: Infinity,
  maxGcEvents: Infinity,
  maxStackNodes: Infinity,
  maxItems: Infinity,
};

/**
 * Whether the first top-level field is a whole, well-formed message or string
 * (pprof writers start with sample_type): then the data is surely meant as
 * protobuf. A lone varint is too weak a sign; many byte pairs look like one.
 */
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

/** End of the first top-level field if it is length-delimited and fits in the data, else 0. */
function firstFieldEnd(data: Uint8Array): number {
  const tag = data[0] as number;
  let pos = 1;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos < data.length; i++) {
    const byte = data[pos++] as number;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return (tag & 7) === 2 && pos + value <= data.length ? pos + value : 0;
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

/**
 * At least half of the first meaningful lines are `frames count`, and at
 * least one is a stack of two frames or more. A `truncated` prefix may end inside a line, which is not judged.
 */
function looksFolded(text: string, truncated: boolean): boolean {
  let examined = 0;
  let valid = 0;
  let stacked = 0;
  const whole = truncated ? text.slice(0, Math.max(0, text.lastIndexOf('\n'))) : text;
  for (let start = 0; start <= whole.length && examined < LINES_TO_SNIFF;) {
    let end = whole.indexOf('\n', start);
    if (end < 0) end = whole.length;
    const line = whole.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    examined++;
    if (parseFoldedLine(line)) {
      valid++;
      if (line.includes(';')) stacked++;
    }
  }
  // "name 12" alone is any key-value text; folded stacks have at least one caller;callee line.
  return valid > 0 && valid * 2 >= examined && stacked > 0;
}
