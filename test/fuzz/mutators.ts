/**
 * Mutations of a seed file for the fuzz harness (test/fuzz/run-case.ts): each
 * is a pure function of the seed bytes and a seeded PRNG, so a case is replayed
 * from (seed file, mutation, case seed) alone. Gzip wrapping and bombs are
 * applied by the runner's caller, as they need zlib (mutate-file.ts).
 */

export type Random = () => number;
type Mutator = (bytes: Uint8Array, random: Random) => Uint8Array;

const int = (random: Random, below: number): number => Math.floor(random() * below);
const enc = new TextEncoder();
const dec = new TextDecoder('latin1');

/** Numbers that break counts, lengths and arithmetic. */
const HOSTILE_NUMBERS = [
  '0',
  '-1',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9007199254740993',
  '18446744073709551616',
  '1e308',
  '-1e308',
  '1e400',
  'NaN',
  'Infinity',
  '0.000001',
  '99999999999',
];

function flipBits(bytes: Uint8Array, random: Random): Uint8Array {
  const out = new Uint8Array(bytes);
  const flips = 1 + int(random, 8);
  for (let i = 0; i < flips && out.length > 0; i++) out[int(random, out.length)]! ^= 1 << int(random, 8);
  return out;
}

function byteRun(bytes: Uint8Array, random: Random): Uint8Array {
  const out = new Uint8Array(bytes);
  const value = [0, 0xff, 0x7f, 0x80, int(random, 256)][int(random, 5)]!;
  const start = int(random, Math.max(1, out.length));
  out.fill(value, start, start + 1 + int(random, 64));
  return out;
}

function truncate(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.subarray(0, int(random, bytes.length));
}

/** A slice of the file copied over another place: duplicated records, broken framing. */
function splice(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length < 2) return bytes;
  const from = int(random, bytes.length);
  const length = 1 + int(random, Math.min(4096, bytes.length - from));
  const at = int(random, bytes.length);
  const out = new Uint8Array(bytes.length + length);
  out.set(bytes.subarray(0, at));
  out.set(bytes.subarray(from, from + length), at);
  out.set(bytes.subarray(at), at + length);
  return out;
}

/** A protobuf varint (a length, a count, an id) replaced by a huge one. */
function inflateVarint(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length === 0) return bytes;
  // A byte that ends a varint (high bit clear) after one that continues it, or any byte.
  let at = int(random, bytes.length);
  for (let tries = 0; tries < 64; tries++) {
    const i = int(random, bytes.length);
    if (i > 0 && (bytes[i]! & 0x80) === 0 && (bytes[i - 1]! & 0x80) !== 0) {
      at = i;
      break;
    }
  }
  const huge = [
    [0xff, 0xff, 0xff, 0xff, 0x0f],
    [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
    [0x80, 0x80, 0x80, 0x80, 0x08],
    [0xff, 0xff, 0xff, 0x7f],
  ][int(random, 4)]!;
  const out = new Uint8Array(bytes.length + huge.length - 1);
  out.set(bytes.subarray(0, at));
  out.set(huge, at);
  out.set(bytes.subarray(at + 1), at + huge.length);
  return out;
}

/** Decimal numbers in a text or JSON file replaced by hostile ones. */
function inflateNumbers(bytes: Uint8Array, random: Random): Uint8Array {
  const text = dec.decode(bytes);
  const matches = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
  if (matches.length === 0) return flipBits(bytes, random);
  let out = text;
  const count = 1 + int(random, 4);
  // From the end, so earlier indexes stay valid.
  const chosen = Array.from({ length: count }, () => matches[int(random, matches.length)]!).sort(
    (a, b) => b.index - a.index,
  );
  let last = -1;
  for (const m of chosen) {
    if (m.index === last) continue;
    last = m.index;
    out =
      out.slice(0, m.index) + HOSTILE_NUMBERS[int(random, HOSTILE_NUMBERS.length)]! + out.slice(m.index + m[0].length);
  }
  return latin1(out);
}

/** A JSON value replaced by arrays or objects nested thousands deep. */
function deepNesting(bytes: Uint8Array, random: Random): Uint8Array {
  const text = dec.decode(bytes);
  const depth = [1000, 20_000, 200_000][int(random, 3)]!;
  const object = random() < 0.5;
  const open = object ? '{"a":' : '[';
  const close = object ? '}' : ']';
  const nest = open.repeat(depth) + '1' + close.repeat(depth);
  const at = [...text.matchAll(/[[:,]\s*/g)];
  if (at.length === 0) return latin1(nest);
  const m = at[int(random, at.length)]!;
  const end = m.index + m[0].length;
  return latin1(text.slice(0, end) + nest + (text[end] === ']' || text[end] === '}' ? '' : ',') + text.slice(end));
}

/** One line repeated many times: huge sample counts from a small file. */
function repeatLines(bytes: Uint8Array, random: Random): Uint8Array {
  const text = dec.decode(bytes);
  const lines = text.split('\n');
  const at = int(random, lines.length);
  // A long line (a one-line JSON) is repeated fewer times: the case stays under 32 MB.
  const times = Math.max(2, Math.min([100, 10_000, 100_000][int(random, 3)]!, (32 << 20) / (lines[at]!.length + 1)));
  const repeated = `${lines[at]!}\n`.repeat(times);
  return latin1([...lines.slice(0, at), repeated + (lines[at] ?? ''), ...lines.slice(at + 1)].join('\n'));
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export const MUTATORS = {
  flipBits,
  byteRun,
  truncate,
  splice,
  inflateVarint,
  inflateNumbers,
  deepNesting,
  repeatLines,
} satisfies Record<string, Mutator>;

export type MutationName = keyof typeof MUTATORS | 'gzipWrap' | 'gzipBomb';

/** Mutations suited to a body: binary ones for protobuf and other binary formats, textual ones for text. */
export function mutationsFor(binary: boolean): MutationName[] {
  const common: MutationName[] = ['flipBits', 'byteRun', 'truncate', 'splice', 'gzipWrap', 'gzipBomb'];
  return binary
    ? [...common, 'inflateVarint', 'inflateVarint']
    : [...common, 'inflateNumbers', 'inflateNumbers', 'deepNesting', 'repeatLines'];
}

export { enc as utf8 };
