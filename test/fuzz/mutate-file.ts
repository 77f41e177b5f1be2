/**
 * One fuzz case's bytes: a seed file mutated by one named mutation, replayable from (seed, mutation, case seed).
 * A gzipped seed is mutated inside its gzip and wrapped again (or left bare half the time), so the mutations reach
 * the parsers instead of stopping at the gzip checksum; flips of the gzip stream itself are cases too.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { prng } from '../fixtures/prng';
import { MUTATORS, mutationsFor, type MutationName } from './mutators';
import type { Seed } from './seeds';

export interface FuzzCase {
  format: string;
  seedPath: string;
  mutation: MutationName;
  caseSeed: number;
  /** The name the file is imported under (the seed's, so that extension hints apply). */
  name: string;
  bytes: Uint8Array;
}

const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
/** Bytes of zeros a bomb appends: small compressed, many inflated, within the default decompression limit. */
const BOMB_ZEROS = 16 * 1024 * 1024;

/** A gzipped seed's body, inflated once per seed. */
const bodies = new WeakMap<Seed, Uint8Array>();
function bodyOf(seed: Seed): Uint8Array {
  let body = bodies.get(seed);
  if (body === undefined) {
    body = isGzip(seed.bytes) ? new Uint8Array(gunzipSync(seed.bytes)) : seed.bytes;
    bodies.set(seed, body);
  }
  return body;
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return control > head.length / 20;
}

export function pickMutation(seed: Seed, caseSeed: number): MutationName {
  const random = prng(caseSeed ^ 0x5bd1e995);
  const options = mutationsFor(looksBinary(bodyOf(seed)));
  return options[Math.floor(random() * options.length)]!;
}

export function mutateSeed(seed: Seed, mutation: MutationName, caseSeed: number): FuzzCase {
  const random = prng(caseSeed);
  const gzipped = isGzip(seed.bytes);
  const name = seed.path.slice(seed.path.lastIndexOf('/') + 1);
  const make = (bytes: Uint8Array): FuzzCase => ({
    format: seed.format,
    seedPath: seed.path,
    mutation,
    caseSeed,
    name,
    bytes,
  });
  // The gzip stream itself, bit-flipped or cut, one case in four for gzipped seeds.
  if (gzipped && (mutation === 'flipBits' || mutation === 'truncate') && random() < 0.25) {
    return make(MUTATORS[mutation](seed.bytes, random));
  }
  const body = bodyOf(seed);
  let mutated: Uint8Array;
  if (mutation === 'gzipWrap') mutated = new Uint8Array(gzipSync(MUTATORS.flipBits(body, random)));
  else if (mutation === 'gzipBomb') {
    const bomb = new Uint8Array(body.length + BOMB_ZEROS);
    bomb.set(random() < 0.5 ? body : MUTATORS.truncate(body, random));
    mutated = new Uint8Array(gzipSync(bomb, { level: 1 }));
  } else {
    mutated = MUTATORS[mutation](body, random);
    if (gzipped && random() < 0.5) mutated = new Uint8Array(gzipSync(mutated, { level: 1 }));
  }
  return make(mutated);
}
