/**
 * The `strings` array: every name in the snapshot, referenced by index from
 * node names and edge names. Each string is decoded on its own, so no string
 * larger than one entry is ever built.
 */
import { fail } from '../errors';
import { CLOSE_BRACKET, COMMA, describeByteAt, OPEN_BRACKET, QUOTE, type ByteReader } from './byte-reader';
import { readJsonString } from './json-string';

export function readStringArray(reader: ByteReader, maxStringLength: number): string[] {
  reader.expect(OPEN_BRACKET, 'at the start of "strings"');
  const strings: string[] = [];
  reader.skipWhitespace();
  if (reader.peek() === CLOSE_BRACKET) {
    reader.pos++;
    return strings;
  }
  for (;;) {
    reader.skipWhitespace();
    if (reader.peek() !== QUOTE) {
      if (reader.atEnd) reader.truncated(`inside the "strings" array after ${strings.length} strings`);
      fail(
        `strings[${strings.length}] is not a string: found ${describeByteAt(reader.bytes, reader.pos)} at byte ${reader.pos}`,
      );
    }
    strings.push(readJsonString(reader, maxStringLength, 'strings', strings.length));
    reader.skipWhitespace();
    const c = reader.peek();
    reader.pos++;
    if (c === COMMA) continue;
    if (c === CLOSE_BRACKET) return strings;
    reader.pos--;
    if (c < 0) reader.truncated(`inside the "strings" array after ${strings.length} strings`);
    fail(
      `expected ',' or ']' after strings[${strings.length - 1}] at byte ${reader.pos}, found ${describeByteAt(reader.bytes, reader.pos)}`,
    );
  }
}
