/**
 * Budgets that keep a hostile or accidental input from exhausting memory or
 * time. Every importer checks the ones that apply to it and fails with a
 * reason that names the limit, so the user knows which knob to turn.
 */
import { fail, LimitExceeded } from './errors';

export interface ImportLimits {
  /** Size of the file as given (compressed or not). */
  maxInputBytes: number;
  /** Size after gunzip; stops gzip bombs. */
  maxDecompressedBytes: number;
  /** Frames in one sample's stack, after inlined frames are expanded. */
  maxStackDepth: number;
  /** Sample records (pprof Sample messages, .cpuprofile samples, collapsed lines). */
  maxSamples: number;
  /** Length of one string (function name, file name, label) in UTF-16 code units. */
  maxStringLength: number;
  /** Nodes in one heap snapshot (V8 .heapsnapshot). */
  maxSnapshotNodes: number;
  /** Events in one GC log (or the GC events of one JFR recording). */
  maxGcEvents: number;
  /** Nodes of a profile's stack prefix tree (distinct call paths' frames). */
  maxStackNodes: number;
  /** Catalogue items one file may hold (a trace has one per thread and kind, a speedscope file one per profile). */
  maxItems: number;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxInputBytes: 2 * GiB,
  // 1 GiB of decompressed profile is far beyond any real capture (the largest
  // corpus file is 48 MB uncompressed) and still fits in a desktop's memory.
  maxDecompressedBytes: 1 * GiB,
  // Deep recursion produces stacks of tens of thousands of frames in practice.
  maxStackDepth: 100_000,
  maxSamples: 50_000_000,
  maxStringLength: 1 * MiB,
  // A 2 GB snapshot holds about 30M nodes; each costs ~40 bytes in typed arrays.
  maxSnapshotNodes: 50_000_000,
  // A busy JVM logs a few pauses a second: 10M events is years of uptime.
  maxGcEvents: 10_000_000,
  // The model keeps stacks in JS arrays on V8's heap (4 GB by default): a
  // 5M-sample Go heap profile of unshared 32-frame stacks (bench's generated
  // one) filled it and spent minutes in garbage collection; a 1M-sample one
  // (21M nodes) imports in 16 s. Refuse with a reason well before the heap is full.
  maxStackNodes: 50_000_000,
  // Real traces hold tens of threads (a browser's processes and workers); a JVM's JFR or a Firefox profile, a few
  // hundred at most. A 1.2 MB trace of one event per thread made 20,000 items, each a catalogue row to list and draw.
  maxItems: 1_000,
});

/** The defaults with the given overrides; an override that is not a positive number is refused. */
export function resolveImportLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(DEFAULT_IMPORT_LIMITS) as (keyof ImportLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) {
      fail(`import limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/** Fails with a reason that names the limit: "stack depth 20001 exceeds the limit maxStackDepth=20000". */
export function checkLimit(what: string, actual: number, limits: ImportLimits, key: keyof ImportLimits): void {
  if (actual > limits[key]) throw new LimitExceeded(`${what} ${actual} exceeds the limit ${key}=${limits[key]}`);
}

/** Fails once a file's items outnumber maxItems, checked as readers find new threads, before any is built. */
export function checkItemCount(count: number, limits: ImportLimits): void {
  if (count > limits.maxItems) {
    throw new LimitExceeded(
      `holds more than ${limits.maxItems} profiles (one per thread, process or profile), over the limit maxItems=${limits.maxItems}`,
    );
  }
}
