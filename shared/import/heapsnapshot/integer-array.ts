/**
 * The flat `nodes` and `edges` arrays: tens of millions of non-negative
 * integers in a 500 MB snapshot. They are read straight from the bytes into
 * a sink's typed-array columns, never into a JS array of numbers.
 */
import { fail } from '../errors';
import { CLOSE_BRACKET, COMMA, describeByteAt, OPEN_BRACKET, type ByteReader } from './byte-reader';

/** Receives the array's values in order; `index` is the value's position in the array. */
export interface IntegerSink {
  push(value: number, index: number): void;
}

// 15 digits always fit a double exactly; a 16th may not (2^53 has 16 digits).
const SAFE_DIGITS = 15;

/** Reads the array at the reader (whitespace allowed before it) into `sink`; returns how many values it held. */
export function readIntegerArray(reader: ByteReader, label: string, sink: IntegerSink): number {
  reader.expect(OPEN_BRACKET, `at the start of "${label}"`);
  reader.skipWhitespace();
  if (reader.peek() === CLOSE_BRACKET) {
    reader.pos++;
    return 0;
  }
  const bytes = reader.bytes;
  const length = bytes.length;
  let p = reader.pos;
  let index = 0;
  for (;;) {
    if (p >= length) return truncatedAt(reader, p, label, index);
    let c = bytes[p] as number;
    if (c < 0x30 || c > 0x39) notAnInteger(bytes, p, label, index);
    let value = 0;
    const first = p;
    do {
      value = value * 10 + (c - 0x30);
      p++;
      c = p < length ? (bytes[p] as number) : -1;
    } while (c >= 0x30 && c <= 0x39);
    if (p - first > SAFE_DIGITS && !Number.isSafeInteger(value)) {
      fail(`${label}[${index}] at byte ${first} is larger than 2^53`);
    }
    if (c === 0x2e || c === 0x65 || c === 0x45) notAnInteger(bytes, first, label, index);
    sink.push(value, index);
    index++;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = ++p < length ? (bytes[p] as number) : -1;
    if (c === COMMA) {
      p++;
      c = p < length ? (bytes[p] as number) : -1;
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = ++p < length ? (bytes[p] as number) : -1;
      continue;
    }
    if (c === CLOSE_BRACKET) {
      reader.pos = p + 1;
      return index;
    }
    if (c < 0) return truncatedAt(reader, p, label, index);
    fail(`expected ',' or ']' after ${label}[${index - 1}] at byte ${p}, found ${describeByteAt(bytes, p)}`);
  }
}

function notAnInteger(bytes: Uint8Array, p: number, label: string, index: number): never {
  let end = p;
  while (end < bytes.length && end - p < 24 && ![COMMA, CLOSE_BRACKET].includes(bytes[end] as number)) end++;
  const text = String.fromCharCode(...bytes.subarray(p, end)).trim();
  const found = /^[\x20-\x7e]+$/.test(text) ? `'${text}'` : describeByteAt(bytes, p);
  return fail(`${label}[${index}] is not a non-negative integer: found ${found} at byte ${p}`);
}

function truncatedAt(reader: ByteReader, p: number, label: string, index: number): never {
  reader.pos = p;
  return reader.truncated(`inside the "${label}" array after ${index} values`);
}
