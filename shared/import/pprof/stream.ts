/**
 * Streaming import of a pprof profile (profile.proto, uncompressed bytes)
 * that never holds the whole file: the bytes are read twice, in chunks of any
 * size, and folded into the model as they pass.
 *
 * Usage, e.g. from the ingest worker with a file on disk (Node):
 *
 *   const profile = await importPprofStream(
 *     () => createReadStream(path).pipe(createGunzip()),   // any AsyncIterable<Uint8Array>; called twice
 *     { limits, onProgress: (p) => post(p), isCancelled: () => cancelled },
 *   );
 *
 * - `openPass` is called twice and must yield the same bytes from the start
 *   each time (pass 1 reads the tables and counts samples, pass 2 folds the
 *   samples). Chunks may have any size; they are not kept after `feed`. A
 *   source that yields different bytes the second time is refused.
 * - The decompressed size is checked against `limits.maxDecompressedBytes`
 *   as bytes arrive (a streaming gunzip has no bound of its own), as are
 *   the other limits (samples, stack depth, string length).
 * - `isCancelled` is polled (synchronously) before each pass, every few MB
 *   and before the profile is built: a worker can read a flag that its
 *   message handler sets (the stream's awaits let messages in) or a
 *   SharedArrayBuffer flag. When it returns true the import stops with
 *   `ImportCancelled` and returns nothing. ImportCancelled is not an
 *   ImportFailure: test for it before handing an error to `toImportError`,
 *   which would report it as a failed import.
 * - `onProgress` is called every few MB and at the end of each pass.
 * - Corrupt input fails with `ImportFailure` (errors.ts; `LimitExceeded`
 *   for limits), whose reason the caller turns into an ImportError naming
 *   the file (`toImportError`), as for every importer. Errors of the source
 *   itself (a truncated or corrupt gzip stream) propagate unchanged: map
 *   them as decompress.ts / node-decompressor.ts do for the sync path.
 * - The caller decides that the file is pprof (the sniffer needs only its
 *   head: `startsWithProfileTag` in protobuf-wire.ts); a file that is not
 *   fails here with a "corrupt protobuf" or "corrupt profile" reason.
 *
 * The result is the same model as the sync `importPprof` (pprof.ts), which
 * runs these passes over one in-memory chunk: one sample row per distinct
 * (stack, label set), its values the sums of the file's samples.
 *
 * `streamPprofInto` runs the same passes but hands pass 2's samples to a
 * sink of the caller's (pprof-stream-sink.ts) instead of building the model:
 * the store writes them as they come, so memory does not grow with the
 * profile's distinct call paths.
 */
import type { Profile } from '../../profile/model';
import { checkLimit, type ImportLimits } from '../limits';
import { PprofPasses } from './stream-decoder';
import type { LabelSets } from './stream-labels';
import type { ResolvedTables } from './stream-resolve';
import type { PprofSampleSink } from './stream-sink';

export interface PprofProgress {
  /** 1: reading tables and counting samples; 2: folding samples. */
  pass: 1 | 2;
  /** Uncompressed bytes read in this pass. */
  bytes: number;
  /** Pass 1: samples counted so far; pass 2: samples folded so far. */
  samples: number;
  /** Uncompressed size of the profile, known from pass 2 on (for a percentage). */
  totalBytes: number | null;
  /** Samples in the profile, known from pass 2 on. */
  totalSamples: number | null;
}

export interface PprofStreamOptions {
  limits: ImportLimits;
  onProgress?(progress: PprofProgress): void;
  /** Polled every few MB; true stops the import with ImportCancelled. */
  isCancelled?(): boolean;
}

/** The import was stopped by `isCancelled`; not a fault of the file. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';

  constructor() {
    super('import cancelled');
  }
}

/** Bytes between two polls of isCancelled / calls of onProgress; larger chunks are fed in slices of this size. */
const CHECK_INTERVAL_BYTES = 4 * 1024 * 1024;

export async function importPprofStream(
  openPass: () => AsyncIterable<Uint8Array>,
  options: PprofStreamOptions,
): Promise<Profile> {
  const { limits } = options;
  const passes = new PprofPasses(limits);
  checkCancelled(options);
  await feedPass(openPass(), passes, options, true);
  passes.endTables();
  checkCancelled(options);
  await feedPass(openPass(), passes, options, false);
  checkCancelled(options);
  return passes.endSamples();
}

/**
 * The two passes with pass 2 going to the sink `sinkFor` makes once the
 * tables are resolved (it may start writing there: a failure or cancel after
 * that point is for the caller to undo).
 */
export async function streamPprofInto(
  openPass: () => AsyncIterable<Uint8Array>,
  options: PprofStreamOptions,
  sinkFor: (tables: ResolvedTables, labelSets: LabelSets) => PprofSampleSink,
): Promise<void> {
  const passes = new PprofPasses(options.limits);
  checkCancelled(options);
  await feedPass(openPass(), passes, options, true);
  checkCancelled(options);
  passes.endTables(sinkFor);
  await feedPass(openPass(), passes, options, false);
  checkCancelled(options);
  passes.finishSamples();
}

async function feedPass(
  source: AsyncIterable<Uint8Array>,
  passes: PprofPasses,
  options: PprofStreamOptions,
  checkSize: boolean,
): Promise<void> {
  let nextCheck = CHECK_INTERVAL_BYTES;
  for await (const chunk of source) {
    for (let from = 0; from < chunk.length;) {
      const to = Math.min(chunk.length, from + (nextCheck - passes.bytes));
      passes.feed(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
      from = to;
      if (checkSize) checkLimit('decompressed size in bytes', passes.bytes, options.limits, 'maxDecompressedBytes');
      if (passes.bytes >= nextCheck) {
        nextCheck += CHECK_INTERVAL_BYTES;
        checkCancelled(options);
        report(passes, options);
      }
    }
  }
  report(passes, options);
}

function checkCancelled(options: PprofStreamOptions): void {
  if (options.isCancelled?.()) throw new ImportCancelled();
}

function report(passes: PprofPasses, options: PprofStreamOptions): void {
  options.onProgress?.({
    pass: passes.pass,
    bytes: passes.bytes,
    samples: passes.samples,
    totalBytes: passes.totalBytes,
    totalSamples: passes.totalSamples,
  });
}
