/**
 * One JSON string token, decoded from bytes. V8's HeapSnapshotJSONSerializer
 * (SerializeString) writes ASCII as is and everything else as \uXXXX escapes,
 * characters outside the BMP as two escapes (a surrogate pair): concatenating
 * the decoded code units rebuilds the pair, and a lone surrogate stays a lone
 * code unit, as JSON.parse leaves it.
 */
import { fail, LimitExceeded } from '../errors';
import { BACKSLASH, describeByteAt, QUOTE, type ByteReader } from './byte-reader';
import { decodeUtf8 } from './utf8';

// A JSON string of n bytes holds at least n/6 UTF-16 code units (a \uXXXX escape
// is the longest encoding of one unit), so longer byte runs fail unread.
const MAX_BYTES_PER_UNIT = 6;

/**
 * Reads the string at `reader.pos` (which must be its opening quote) and moves
 * past it. `label` and `index` name it in failures ("strings[12]").
 */
export function readJsonString(reader: ByteReader, maxLength: number, label: string, index = -1): string {
  const bytes = reader.bytes;
  const length = bytes.length;
  const start = reader.pos + 1;
  let p = start;
  let escaped = false;
  let ascii = true;
  for (;;) {
    if (p >= length) return reader.truncated(`inside ${name(label, index)}`);
    const c = bytes[p] as number;
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      p += 2;
      continue;
    }
    if (c < 0x20) fail(`${name(label, index)} holds an unescaped control character (0x${hex(c)}) at byte ${p}`);
    if (c >= 0x80) ascii = false;
    p++;
  }
  reader.pos = p + 1;
  if (p - start > maxLength * MAX_BYTES_PER_UNIT) tooLong(label, index, `${p - start} bytes`, maxLength);
  const text = escaped ? decodeEscaped(bytes, start, p, label, index) : decodeUtf8(bytes, start, p, ascii);
  if (text.length > maxLength) tooLong(label, index, `${text.length} characters`, maxLength);
  return text;
}

function decodeEscaped(bytes: Uint8Array, start: number, end: number, label: string, index: number): string {
  const parts: string[] = [];
  let runStart = start;
  let ascii = true;
  let p = start;
  while (p < end) {
    const c = bytes[p] as number;
    if (c !== BACKSLASH) {
      if (c >= 0x80) ascii = false;
      p++;
      continue;
    }
    if (p > runStart) parts.push(decodeUtf8(bytes, runStart, p, ascii));
    ascii = true;
    const kind = bytes[p + 1] as number;
    switch (kind) {
      case QUOTE:
        parts.push('"');
        break;
      case BACKSLASH:
        parts.push('\\');
        break;
      case 0x2f:
        parts.push('/');
        break;
      case 0x62:
        parts.push('\b');
        break;
      case 0x66:
        parts.push('\f');
        break;
      case 0x6e:
        parts.push('\n');
        break;
      case 0x72:
        parts.push('\r');
        break;
      case 0x74:
        parts.push('\t');
        break;
      case 0x75: {
        const unit = hexUnit(bytes, p + 2, end);
        if (unit < 0) {
          fail(`${name(label, index)} has an invalid \\u escape at byte ${p}: expected 4 hex digits`);
        }
        parts.push(String.fromCharCode(unit));
        p += 4;
        break;
      }
      default:
        fail(`${name(label, index)} has an invalid escape '\\' + ${describeByteAt(bytes, p + 1)} at byte ${p}`);
    }
    p += 2;
    runStart = p;
  }
  if (end > runStart) parts.push(decodeUtf8(bytes, runStart, end, ascii));
  return parts.join('');
}

/** The code unit of 4 hex digits at bytes[p..p+3], or -1 if they are not 4 hex digits before `end`. */
function hexUnit(bytes: Uint8Array, p: number, end: number): number {
  if (p + 4 > end) return -1;
  let unit = 0;
  for (let i = p; i < p + 4; i++) {
    const c = bytes[i] as number;
    let digit: number;
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) digit = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) digit = c - 0x37;
    else return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

function tooLong(label: string, index: number, size: string, maxLength: number): never {
  throw new LimitExceeded(`${name(label, index)} is ${size} long, over the limit maxStringLength=${maxLength}`);
}

function name(label: string, index: number): string {
  return index < 0 ? label : `${label}[${index}]`;
}

function hex(c: number): string {
  return c.toString(16).padStart(2, '0');
}
