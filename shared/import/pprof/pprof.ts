/**
 * pprof (profile.proto, uncompressed bytes in memory) to the Kiln model: the
 * streaming reader's two passes (stream-decoder.ts) over one chunk.
 * Files too large to hold go through `importPprofStream` (stream.ts)
 * instead; both give the same profile.
 *
 * Facts from google/pprof proto/profile.proto that shape the reader:
 * - string_table[0] must be ""; every *_index / string field is an index into it.
 * - Sample.location_id[0] is the leaf; the last entry is the root.
 * - Location.line[] lists inlined frames: line[0] is the innermost function,
 *   each later entry the caller it was inlined into; the last is the real
 *   (non-inlined) function at that address.
 * - default_sample_type names a type by string index; without it, pprof uses
 *   the last sample type.
 * - drop_frames/keep_frames are display hints; Kiln ignores them.
 *
 * Samples with the same stack and the same labels become one row whose
 * values are their sums; every query Kiln makes sums values anyway.
 */
import type { Profile } from '../../profile/model';
import type { ImportLimits } from '../limits';
import { PprofPasses } from './stream-decoder';

/** Both passes check every tag, length and varint as they read: bytes need no wire check first. */
export function importPprof(data: Uint8Array, limits: ImportLimits): Profile {
  const passes = new PprofPasses(limits);
  passes.feed(data);
  passes.endTables();
  passes.feed(data);
  return passes.endSamples();
}
