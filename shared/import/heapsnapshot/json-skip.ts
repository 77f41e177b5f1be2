/**
 * Steps over a JSON value without building it: the sections Kiln does not use
 * (trace_function_infos, trace_tree, samples, locations, and keys a newer V8
 * may add) can be as large as the graph itself. A loop with an explicit stack
 * of open containers, not recursion: trace_tree nests as deep as the traced
 * call stacks.
 */
import { fail } from '../errors';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  describeByteAt,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  BACKSLASH,
  type ByteReader,
} from './byte-reader';

/**
 * Moves `reader.pos` past the value that starts there. Fails on malformed
 * structure or when containers nest deeper than `maxDepth`.
 */
export function skipJsonValue(reader: ByteReader, context: string, maxDepth = Number.POSITIVE_INFINITY): void {
  const bytes = reader.bytes;
  const open: number[] = [];
  for (;;) {
    // A value starts here.
    reader.skipWhitespace();
    const c = reader.peek();
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      reader.pos++;
      reader.skipWhitespace();
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (reader.peek() !== close) {
        if (open.length >= maxDepth) fail(`${context} nests deeper than ${maxDepth} levels`);
        open.push(c);
        if (c === OPEN_BRACE) skipKey(reader, context);
        continue;
      }
      reader.pos++;
    } else if (c === QUOTE) {
      skipJsonString(reader, context);
    } else {
      skipScalar(reader, context);
    }
    // After a value: separators and closers until the next value starts or the outermost one ends.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return;
      reader.skipWhitespace();
      const next = reader.peek();
      if (next === COMMA) {
        reader.pos++;
        if (top === OPEN_BRACE) skipKey(reader, context);
        break;
      }
      if ((next === CLOSE_BRACE && top === OPEN_BRACE) || (next === CLOSE_BRACKET && top === OPEN_BRACKET)) {
        reader.pos++;
        open.pop();
        continue;
      }
      if (next < 0) reader.truncated(`inside ${context}`);
      fail(`malformed JSON in ${context} at byte ${reader.pos}: found ${describeByteAt(bytes, reader.pos)}`);
    }
  }
}

/** Moves past a string token (the reader is at its opening quote). */
export function skipJsonString(reader: ByteReader, context: string): void {
  const bytes = reader.bytes;
  let p = reader.pos + 1;
  for (;;) {
    if (p >= bytes.length) reader.truncated(`inside a string in ${context}`);
    const c = bytes[p] as number;
    if (c === QUOTE) break;
    p += c === BACKSLASH ? 2 : 1;
  }
  reader.pos = p + 1;
}

function skipKey(reader: ByteReader, context: string): void {
  reader.skipWhitespace();
  if (reader.peek() !== QUOTE) {
    if (reader.atEnd) reader.truncated(`inside ${context}`);
    fail(
      `malformed JSON in ${context} at byte ${reader.pos}: expected a key, found ${describeByteAt(reader.bytes, reader.pos)}`,
    );
  }
  skipJsonString(reader, context);
  reader.expect(COLON, `after a key in ${context}`);
}

/** Numbers, true, false, null: one run of the bytes they can contain. */
function skipScalar(reader: ByteReader, context: string): void {
  const bytes = reader.bytes;
  const start = reader.pos;
  let p = start;
  while (p < bytes.length && isScalarByte(bytes[p] as number)) p++;
  if (p === start) {
    if (p >= bytes.length) reader.truncated(`inside ${context}`);
    fail(`malformed JSON in ${context} at byte ${p}: expected a value, found ${describeByteAt(bytes, p)}`);
  }
  reader.pos = p;
}

function isScalarByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // digits
    (c >= 0x61 && c <= 0x7a) || // a-z (true, false, null, e)
    c === 0x45 || // E
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x2e // .
  );
}
