/**
 * Where pass 2 of the pprof reader puts each decoded sample. The reader
 * checks a sample (value count, location ids, depth, label strings) and hands
 * it on; what happens next is the sink's business:
 * - `TrieSink` (pprof-stream-trie-sink.ts) folds it into an in-memory stack
 *   tree, for the model (`importPprof`, `importPprofStream`);
 * - `PprofSinkFeeder` (pprof-stream-feed.ts) hands it, as one root-parented
 *   stack segment, to a format-neutral SampleSink (shared/profile/sample-sink.ts):
 *   the store's writer writes it to SQLite in batches, so a profile of any
 *   size is never held whole in memory.
 *
 * The arguments are scratch arrays the reader reuses: a sink copies what it
 * keeps before returning.
 */
export interface PprofSampleSink {
  /**
   * @param locations rows of the resolved location table (ResolvedTables), leaf first as in
   *   profile.proto's Sample.location_id; only the first `count` entries belong to this sample
   * @param labelSet the sample's label set in the pass's LabelSets (0: no labels)
   * @param values one value per sample type
   */
  sample(locations: Int32Array, count: number, labelSet: number, values: Float64Array): void;
}
