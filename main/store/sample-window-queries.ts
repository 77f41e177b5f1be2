/**
 * A time window inside an item whose samples have times: the stacks of the
 * samples with `fromNs <= time_ns < toNs` (ns since the item's start), each
 * with the summed value of those samples for one sample type, from
 * `sample_weights` (migration 7). This is how a Selection's window cuts a
 * JFR recording, a .cpuprofile or a perf script (shared/capture/selection.ts).
 *
 * The stacks come from `timedSamples` (the stack chart's read): its sample i
 * is the i-th row in seq order, and `samples.stack[i]` is the node its stack
 * ends at (ROOT_NODE for none), so the window only puts values on nodes.
 */
import type Database from 'better-sqlite3';
import type { ValueType } from '../../shared/profile/model';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { labelSetCondition } from './label-queries';
import { timedSamples } from './sample-time-queries';

/** The store id of a sample type by type and unit (ids are shared by every item), or null when none has it. */
export function sampleTypeIdOf(db: Database.Database, sampleType: ValueType): number | null {
  const id = db
    .prepare('SELECT id FROM sample_types WHERE type = ? AND unit = ?')
    .pluck()
    .get(sampleType.type, sampleType.unit) as number | undefined;
  return id ?? null;
}

export function windowStacks(
  db: Database.Database,
  profileId: number,
  sampleTypeId: number,
  cut: { fromNs: number; toNs: number },
  query: StackQueryOptions = {},
): WeightedStacks | null {
  // Label filters are applied here, to the samples; the stacks are read unfiltered (a sample a label filter
  // leaves out must not count, where timedSamples would point it at an empty stack).
  const stored = timedSamples(db, profileId, query.byLine === true ? { byLine: true } : {});
  if (stored === null) return null;
  const labels = query.labels && query.labels.length > 0 ? labelSetCondition(query.labels) : null;
  const rows = db
    .prepare(
      `SELECT t.seq, w.value FROM sample_times t
       JOIN sample_weights w ON w.item = t.item AND w.sample_type = ? AND w.seq = t.seq
       WHERE t.item = ? AND t.time_ns >= ? AND t.time_ns < ? ${labels === null ? '' : `AND ${labels.sql}`}`,
    )
    .raw()
    .iterate(sampleTypeId, profileId, cut.fromNs, cut.toNs, ...(labels?.params ?? [])) as Iterable<[number, number]>;
  const { stacks, samples } = stored;
  const indexOf = sampleIndexOfSeq(db, profileId, samples.stack.length);
  const value = new Float64Array(stacks.value.length);
  let rootValue = 0;
  for (const [seq, v] of rows) {
    const index = indexOf === null ? seq : indexOf.get(seq);
    if (index === undefined || index >= samples.stack.length) continue; // written after timedSamples read
    const stack = samples.stack[index] as number;
    if (stack < 0) rootValue += v;
    else value[stack] = (value[stack] as number) + v;
  }
  return { ...stacks, value, rootValue };
}

/**
 * The position in seq order of each seq, or null when seqs run 0..count-1 (the usual case: then a seq is its
 * position). A writer may leave gaps (a sample without a time gets a seq but no row).
 */
function sampleIndexOfSeq(db: Database.Database, profileId: number, count: number): Map<number, number> | null {
  const last = db.prepare('SELECT MAX(seq) FROM sample_times WHERE item = ?').pluck().get(profileId) as number | null;
  if (last === null || last === count - 1) return null;
  const seqs = db
    .prepare('SELECT seq FROM sample_times WHERE item = ? ORDER BY seq')
    .pluck()
    .all(profileId) as number[];
  return new Map(seqs.map((seq, index) => [seq, index]));
}
