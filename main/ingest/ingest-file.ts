/**
 * One file into the store, from its bytes to its rows, as the ingest worker
 * runs it (and the inline runner, for stores on ':memory:'):
 *
 *   hashing  one streaming pass for the SHA-256 of the original bytes; a file
 *            already stored is answered from the store without parsing
 *   parsing  a pprof goes through the streaming decoder (two more passes, the
 *            gzip inflated as it streams) and pass 2 writes its samples into
 *            the store as they come (stream-pprof-to-store.ts), in one
 *            transaction; every other format is collected into one buffer
 *            and read by `importFile`, as before, then
 *   writing  ProfileStore.addFile: one transaction for the file and its items
 *
 * Cancellation is checked between chunks, before each phase and, through the
 * store's checkpoint (main/store/batch-checkpoint.ts), before every batch of
 * rows written; it throws ImportCancelled, and the store's transaction rolls
 * back, so a cancelled import writes nothing.
 */
import { createHash } from 'node:crypto';
import { DecompressionError } from '../../shared/import/decompress';
import { ImportError, ImportFailure, toImportError } from '../../shared/import/errors';
import type { ImportLimits } from '../../shared/import/limits';
import type { ImportTags } from '../../shared/ipc/contract';
import { refusalFromHead } from '../../shared/import/sniff';
import type { ProfileStore, StorableItem } from '../store/profile-store';
import {
  contentChunks,
  openByteSource,
  readContentHead,
  startsWithGzip,
  type ByteInput,
  type ByteSource,
} from './byte-source';
import { ImportCancelled, isImportCancelled } from './import-cancelled';
import { parseFileBytes, type ParsedFile } from './parse-bytes';
import { headIsPprof, PPROF_HEAD_BYTES } from './pprof-head';
import { ProgressMeter, type IngestProgress } from './progress-meter';
import { streamPprofToStore } from './stream-pprof-to-store';

export interface IngestTask {
  /** File name shown to the user and named in messages (no directories). */
  name: string;
  /** Provenance recorded with the file: a path, or "upload:<name>". */
  source: string;
  input: ByteInput;
  /**
   * The file's modification time (ms since the epoch) when the bytes come without one (an upload's lastModified);
   * a path's is read from the file. Items whose file states no start are anchored there, marked estimated. null: not
   * known, and not to be read from the file either (an upload's temporary copy has the upload's time, not the file's).
   */
  modifiedAtMs?: number | null;
  /** The user's service and labels for every item of the file; a file already stored keeps its own. */
  tags?: ImportTags;
}

export interface IngestHooks {
  onProgress(progress: IngestProgress): void;
  isCancelled(): boolean;
}

export interface IngestOutcome {
  /** Catalogue ids of the file's items, in the file's order. */
  ids: number[];
  /** True when the same bytes were already stored (nothing was parsed or written). */
  duplicate: boolean;
}

/** The hash pass, then the streaming decoder's two passes. */
const STREAMED_PASSES = 3;

export async function ingestFile(
  store: ProfileStore,
  task: IngestTask,
  limits: ImportLimits,
  hooks: IngestHooks,
): Promise<IngestOutcome> {
  const meter = new ProgressMeter(hooks.onProgress);
  const stopIfCancelled = (): void => {
    if (hooks.isCancelled()) throw new ImportCancelled();
  };
  const source = await openByteSource(task.input, limits.maxInputBytes);
  stopIfCancelled();
  const plan = await planReading(source, task.name, limits);
  if (plan.refusal !== null) throw new ImportError(task.name, plan.refusal);
  meter.begin(source.size, plan.streamed ? STREAMED_PASSES : 1);
  const pass = (): AsyncGenerator<Uint8Array> => countedPass(source, meter, stopIfCancelled);

  const { contentHash, bytes } = await hashPass(pass(), source, !plan.streamed);
  const existing = store.findFile(contentHash);
  if (existing !== null) return { ids: existing, duplicate: true };
  stopIfCancelled();

  meter.enterPhase('parsing');
  const origin = {
    name: task.name,
    source: task.source,
    contentHash,
    byteSize: source.size,
    format: 'pprof' as const,
    modifiedAtMs: task.modifiedAtMs !== undefined ? task.modifiedAtMs : source.modifiedAtMs,
    importTags: task.tags,
  };
  if (plan.streamed) {
    // Parsed and written together: pass 2's samples go straight into the store's transaction.
    // Cancel is checked every few MB read and before each batch the store writes.
    const stored = await readingAs(task.name, 'reading pprof', () =>
      streamPprofToStore(store, origin, () => contentChunks(pass(), plan.gzip, limits.maxDecompressedBytes), {
        limits,
        // Pass 1 only counts the samples; pass 2 decodes them, and its count ends at the file's sample records.
        onProgress: ({ pass, samples }) => {
          if (pass === 2) meter.samplesDecoded(samples);
        },
        isCancelled: hooks.isCancelled,
        checkpoint: stopIfCancelled,
        // Pass 2 decodes and writes at once: the user sees it as the writing phase.
        onWriting: () => meter.enterPhase('writing'),
      }),
    );
    meter.flush();
    return stored;
  }
  const parsed: ParsedFile = parseFileBytes(bytes as Uint8Array, task.name, limits);
  meter.samplesDecoded(countSamples(parsed.items));
  stopIfCancelled();

  meter.enterPhase('writing');
  try {
    return store.addFile({ ...origin, format: parsed.format }, parsed.items, stopIfCancelled);
  } catch (error) {
    // The writer refuses what it cannot store exactly (a count above 2^53 − 1): a reason about the file, named.
    if (error instanceof ImportFailure) throw new ImportError(task.name, error.reason);
    throw error;
  }
}

interface ReadingPlan {
  /** True for a pprof large enough to stream; false: read the file whole. */
  streamed: boolean;
  gzip: boolean;
  /** Why the file is refused when its head already settles it (no importer reads it), else null. */
  refusal: string | null;
}

/**
 * A pprof whose content is longer than the head the sniffer looks at streams;
 * a longer file that the head shows no importer reads is refused before the
 * rest is inflated (a gzip bomb of zeros); everything else is read whole.
 */
async function planReading(source: ByteSource, fileName: string, limits: ImportLimits): Promise<ReadingPlan> {
  const readWhole: ReadingPlan = { streamed: false, gzip: false, refusal: null };
  if (source.size === 0) return readWhole;
  try {
    const gzip = await startsWithGzip(source);
    const { head, whole } = await readContentHead(source, gzip, PPROF_HEAD_BYTES, limits.maxDecompressedBytes);
    if (whole) return readWhole;
    return { streamed: headIsPprof(head, fileName, limits), gzip, refusal: refusalFromHead(head) };
  } catch {
    // Corrupt gzip and the like: the whole-buffer path reports them as it always has.
    return readWhole;
  }
}

/** One pass over the original bytes, counted for progress, with a cancellation check per chunk. */
async function* countedPass(
  source: ByteSource,
  meter: ProgressMeter,
  stopIfCancelled: () => void,
): AsyncGenerator<Uint8Array> {
  meter.beginPass();
  for await (const chunk of source.open()) {
    stopIfCancelled();
    meter.advance(chunk.length);
    yield chunk;
  }
  meter.finishPass();
}

/** SHA-256 of the original bytes (the store's dedup key), keeping the bytes when they will be parsed whole. */
async function hashPass(
  chunks: AsyncIterable<Uint8Array>,
  source: ByteSource,
  keep: boolean,
): Promise<{ contentHash: string; bytes: Uint8Array | null }> {
  const hash = createHash('sha256');
  const copy = keep && source.inMemory === null ? new Uint8Array(source.size) : null;
  let length = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    copy?.set(chunk, length);
    length += chunk.length;
  }
  const contentHash = hash.digest('hex');
  if (!keep) return { contentHash, bytes: null };
  return { contentHash, bytes: source.inMemory ?? (copy as Uint8Array).subarray(0, length) };
}

/** Errors of a streaming read name the file, as importFile's do; a cancellation stays one. */
async function readingAs<T>(fileName: string, stage: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isImportCancelled(error)) throw error;
    if (error instanceof DecompressionError) throw new ImportError(fileName, error.reason);
    throw toImportError(fileName, error, stage);
  }
}

function countSamples(items: readonly StorableItem[]): number {
  return items.reduce((count, item) => count + (item.type === 'profile' ? item.profile.samples.stack.length : 0), 0);
}
