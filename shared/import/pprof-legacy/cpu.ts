/**
 * pprof's legacy binary CPU profile format to the Kiln model: the profiles of
 * gperftools (C++), of Go's runtime/pprof before Go 1.9, and of the Java
 * agents pprof reads, as google/pprof profile/legacy_profile.go (parseCPU,
 * cpuProfile, parseCPUSamples) and legacy_java_profile.go (javaCPUProfile)
 * parse them.
 *
 * - Detection: the five header words (0, 3, 0 or 1, period > 0, 0) in one of
 *   the four layouts (32/64-bit, little/big endian); see pprof-legacy-cpu-header.ts.
 * - Sample types are [samples/count, cpu/nanoseconds]; the period is the
 *   header's microseconds times 1000, in cpu/nanoseconds, as pprof sets them.
 * - Native (C++/Go) samples get pprof's corrections: return addresses - 1, the
 *   signal handler's frame and duplicated leaves dropped
 *   (pprof-legacy-cpu-records.ts, pprof-legacy-cpu-cleanup.ts). Java samples get none.
 * - Naming. The files carry no symbols. A native frame is named by its address
 *   in hex, followed by its mapping's base name when the /proc/self/maps text
 *   after the samples gives one: "0x42ef04 [cppbench_server_main]", the two
 *   things `go tool pprof -top -addresses` prints for it ("[libc-2.15.so]" is
 *   what plain -top prints, but naming every frame by its binary alone would
 *   fold the whole flame graph into one tower, since Kiln identifies frames by
 *   function). Without a mapping file the name is the address alone ("0x430bac";
 *   -top says "<unknown>"). A Java frame is named by the text after the
 *   samples (function, file, line); an id the text leaves out by its hex.
 * - A record of depth 0 keeps its value on a "(no stack)" frame, as Kiln's
 *   pprof importer does for location-less samples.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile } from '../../profile/model';
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { hexAddress, type Address } from './cpu-address';
import { dropDuplicateLeaves, dropSignalHandlerFrames } from './cpu-cleanup';
import { detectLegacyCpuLayout, explainMissingHeader, LegacyWords } from './cpu-header';
import { parseJavaLocations } from './cpu-java';
import { mappingLabel, MappingResolver, parseProcMaps } from './cpu-maps';
import { readLegacyCpuSamples, type LegacyCpuSamples } from './cpu-records';
import { decodeText } from '../text';

const NANOS_PER_MICRO = 1000;

/** True when `bytes` start with a legacy CPU profile header in any of the four layouts. */
export function looksLikeLegacyCpu(bytes: Uint8Array): boolean {
  return detectLegacyCpuLayout(bytes) !== null;
}

export function importLegacyCpu(bytes: Uint8Array, limits: ImportLimits): Profile {
  const layout = detectLegacyCpuLayout(bytes) ?? fail(explainMissingHeader(bytes));
  const periodNs = typeof layout.periodMicros === 'number' ? layout.periodMicros * NANOS_PER_MICRO : Infinity;
  if (!Number.isSafeInteger(periodNs)) {
    fail(`sampling period of ${String(layout.periodMicros)} microseconds is too large to be real`);
  }

  const words = new LegacyWords(bytes, layout);
  const samples = readLegacyCpuSamples(words, !layout.java, limits);
  if (!layout.java) {
    dropSignalHandlerFrames(samples);
    dropDuplicateLeaves(samples);
  }
  const text = samples.textStart < bytes.length ? decodeText(bytes.subarray(samples.textStart)).text : '';

  const builder = new ProfileBuilder('pprof-legacy', 'cpu', [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ]);
  builder.period = periodNs;
  builder.periodType = { type: 'cpu', unit: 'nanoseconds' };

  const used = usedInOrder(samples);
  const frameOf = layout.java
    ? javaFrames(builder, samples, used, text, limits)
    : nativeFrames(builder, samples, used, text, limits);

  const { counts, leaf, rest, end, frames } = samples;
  const values = [0, 0];
  let emptyStack = -1;
  for (let i = 0; i < counts.length; i++) {
    const first = leaf[i] as number;
    const last = end[i] as number;
    let stack = -1;
    if (last > first) {
      for (let k = last - 1; k >= (rest[i] as number); k--) {
        stack = builder.internStack(stack, frameOf[frames[k] as number] as number);
      }
      stack = builder.internStack(stack, frameOf[frames[first] as number] as number);
    } else {
      if (emptyStack < 0) {
        emptyStack = builder.internStack(
          -1,
          builder.internFrame({ func: builder.internFunction({ name: '(no stack)' }) }),
        );
      }
      stack = emptyStack;
    }
    const count = counts[i] as number;
    values[0] = count;
    values[1] = count * periodNs;
    builder.addSample(stack, values);
  }
  return builder.build();
}

/**
 * Indices into `samples.addresses` that some sample still uses after the
 * clean-up, in order of first use (leaf first within a sample): the order of
 * pprof's location ids, in which it assigns locations to mappings.
 */
function usedInOrder(samples: LegacyCpuSamples): number[] {
  const { leaf, rest, end, frames } = samples;
  const seen = new Uint8Array(samples.addresses.length);
  const order: number[] = [];
  const visit = (k: number): void => {
    const id = frames[k] as number;
    if (seen[id] === 0) {
      seen[id] = 1;
      order.push(id);
    }
  };
  for (let i = 0; i < leaf.length; i++) {
    const last = end[i] as number;
    if (last <= (leaf[i] as number)) continue;
    visit(leaf[i] as number);
    for (let k = rest[i] as number; k < last; k++) visit(k);
  }
  return order;
}

/** One frame per used address, named by address and mapping; row per address index (-1 if unused). */
function nativeFrames(
  builder: ProfileBuilder,
  samples: LegacyCpuSamples,
  used: number[],
  text: string,
  limits: ImportLimits,
): number[] {
  const resolver = new MappingResolver(parseProcMaps(text, limits));
  const frameOf = new Array<number>(samples.addresses.length).fill(-1);
  for (const id of used) {
    const address = samples.addresses[id] as Address;
    const label = mappingLabel(resolver.resolve(address));
    const name = label === '' ? hexAddress(address) : `${hexAddress(address)} ${label}`;
    // The model keeps addresses as numbers, exact below 2^53; the name keeps every bit.
    frameOf[id] = builder.internFrame({ func: builder.internFunction({ name }), address: Number(address) });
  }
  return frameOf;
}

function javaFrames(
  builder: ProfileBuilder,
  samples: LegacyCpuSamples,
  used: number[],
  text: string,
  limits: ImportLimits,
): number[] {
  const usedAddresses = new Set<Address>(used.map((id) => samples.addresses[id] as Address));
  const named = parseJavaLocations(text, usedAddresses, limits);
  const frameOf = new Array<number>(samples.addresses.length).fill(-1);
  for (const id of used) {
    const address = samples.addresses[id] as Address;
    const java = named.get(address);
    const func = java
      ? builder.internFunction({ name: java.name, systemName: java.name, file: java.file })
      : builder.internFunction({ name: hexAddress(address) });
    frameOf[id] = builder.internFrame({ func, line: java?.line ?? 0 });
  }
  return frameOf;
}
