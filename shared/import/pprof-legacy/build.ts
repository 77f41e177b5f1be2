/**
 * What every legacy text parser produces (samples as values plus adjusted
 * addresses, the names found in the file, the memory map) and its conversion
 * to the Kiln model. Frames are named, in order of preference:
 * 1. by the file's own symbol lines (Go "#" lines, Java symbol section,
 *    symbolized threadz), with file and line where given;
 * 2. like pprof's `-addresses` output for unsymbolized code: the address and
 *    the base name of its mapping, "0xbc8f1c [cppbench_server_main]";
 * 3. by the address alone, "0x4b5370".
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ValueType } from '../../profile/model';
import { checkLimit, type ImportLimits } from '../limits';
import { pprofKind } from '../pprof/kind';
import { addressNumber, mappingNameOf, type HexAddress, type MemoryMapping } from './addresses';
import type { SymbolTable } from './symbols';

export type LegacyLabel = { key: string; str: string } | { key: string; num: number; unit: string };

export interface LegacySample {
  values: number[];
  /** pprof-adjusted addresses, leaf first. */
  addresses: HexAddress[];
  labels: LegacyLabel[];
}

export interface LegacyProfile {
  sampleTypes: ValueType[];
  period: number | null;
  periodType: ValueType | null;
  durationNs: number | null;
  samples: LegacySample[];
  symbols: SymbolTable;
  mappings: MemoryMapping[];
  /**
   * True when "addresses" are only ids of symbol lines (Java agents): pprof
   * drops them after naming the frames, and so does Kiln (address 0).
   */
  addressesAreIds: boolean;
  comments: string[];
}

export function emptyLegacyProfile(sampleTypes: ValueType[]): LegacyProfile {
  return {
    sampleTypes,
    period: null,
    periodType: null,
    durationNs: null,
    samples: [],
    symbols: new Map(),
    mappings: [],
    addressesAreIds: false,
    comments: [],
  };
}

/** Appends a sample, checking the sample-count and stack-depth budgets as the file is read. */
export function addLegacySample(
  profile: LegacyProfile,
  limits: ImportLimits,
  values: number[],
  addresses: HexAddress[],
  labels: LegacyLabel[] = [],
): LegacySample {
  checkLimit('sample count', profile.samples.length + 1, limits, 'maxSamples');
  checkLimit('stack depth', addresses.length, limits, 'maxStackDepth');
  const sample = { values, addresses, labels };
  profile.samples.push(sample);
  return sample;
}

export function buildLegacyProfile(legacy: LegacyProfile, limits: ImportLimits): Profile {
  const { sampleTypes } = legacy;
  const defaultSampleType = sampleTypes.length - 1;
  const builder = new ProfileBuilder('pprof-legacy', pprofKind(sampleTypes, defaultSampleType), sampleTypes);
  builder.period = legacy.period;
  builder.periodType = legacy.periodType;
  builder.durationNs = legacy.durationNs;
  builder.comments.push(...legacy.comments);

  const name = (value: string): string => {
    checkLimit('name length', value.length, limits, 'maxStringLength');
    return value;
  };
  // Each address's frames, outermost (the real function) first, ready to be
  // pushed onto a stack in caller-to-callee order.
  const framesOf = new Map<HexAddress, number[]>();
  const resolve = (address: HexAddress): number[] => {
    let frames = framesOf.get(address);
    if (frames) return frames;
    const numeric = legacy.addressesAreIds ? 0 : addressNumber(address);
    const symbols = legacy.symbols.get(address);
    if (symbols && symbols.length > 0) {
      frames = [];
      for (let i = symbols.length - 1; i >= 0; i--) {
        const s = symbols[i] as (typeof symbols)[number];
        const func = builder.internFunction({ name: name(s.name), file: name(s.file) });
        // Every frame but the last listed (the outermost) was inlined into the next.
        frames.push(builder.internFrame({ func, line: s.line, address: numeric, inlined: i < symbols.length - 1 }));
      }
    } else {
      const mapping = legacy.addressesAreIds ? '' : mappingNameOf(legacy.mappings, address);
      const label = mapping === '' ? address : `${address} [${mapping}]`;
      frames = [builder.internFrame({ func: builder.internFunction({ name: name(label) }), address: numeric })];
    }
    framesOf.set(address, frames);
    return frames;
  };

  let emptyStack = -1;
  for (const sample of legacy.samples) {
    let depth = 0;
    for (const address of sample.addresses) depth += resolve(address).length;
    checkLimit('stack depth', depth, limits, 'maxStackDepth');
    let stack = -1;
    for (let k = sample.addresses.length - 1; k >= 0; k--) {
      for (const frame of resolve(sample.addresses[k] as HexAddress)) stack = builder.internStack(stack, frame);
    }
    if (stack < 0) {
      // A stack without addresses ("5 @" in Go's threadcreate profile, "1: 288 [2: 296] @"
      // in a heap profile) keeps its values under one synthetic frame, as the pprof importer does.
      if (emptyStack < 0) {
        emptyStack = builder.internStack(
          -1,
          builder.internFrame({ func: builder.internFunction({ name: '(no stack)' }) }),
        );
      }
      stack = emptyStack;
    }
    const row = builder.addSample(stack, sample.values);
    for (const label of sample.labels) {
      if ('str' in label) builder.addStringLabel(row, label.key, name(label.str));
      else builder.addNumericLabel(row, label.key, label.num, label.unit);
    }
  }
  return builder.build();
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * A decimal integer as Go's strconv.ParseInt(text, 10, 64) reads it; null when
 * it is not one or does not fit in an int64. Values beyond 2^53 become the
 * nearest double, as the model stores numbers.
 */
export function parseInt64(text: string): number | null {
  if (!/^[-+]?\d+$/.test(text)) return null;
  if (text.length >= 19) {
    const big = BigInt(text);
    if (big > INT64_MAX || big < -INT64_MAX - 1n) return null;
  }
  return Number(text);
}

/** An integer as Go's strconv.ParseInt(text, 0, 64) reads it: decimal, "0x" hex or "0" octal. */
export function parseInt64Base0(text: string): number | null {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]+)$/.exec(text);
  if (!match) return parseInt64(text);
  const digits = match[2] as string;
  const big = BigInt(digits.startsWith('0x') || digits.startsWith('0X') ? digits : `0o${digits.slice(1)}`);
  const value = match[1] === '-' ? -big : big;
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return null;
  return Number(value);
}
