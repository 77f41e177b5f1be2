/**
 * Feeds an in-memory profile to a SampleSink (sample-sink.ts) as a compressed
 * trie of its stack table: a stack row is kept when samples end at it or when
 * two or more of its child subtrees hold samples; each kept row goes to the
 * sink as its nearest kept ancestor plus the frames in between. Rows no
 * sample reaches are left out. So the sink sees at most the model's row count
 * in frames and stacks, whatever the depth (a chain of 20,000 frames with a
 * sample on each is 20,000 one-frame segments, not 200 million frames).
 *
 * Every walk is a loop over the topological order (parent < child), never
 * recursion.
 */
import type { LabelTable, Profile } from './model';
import { ROOT_STACK, type SampleSink, type SinkLabel, type SinkTables } from './sample-sink';

/** What a sink is opened with for this profile. */
export function sinkTablesOf(profile: Profile): SinkTables {
  return {
    strings: profile.strings,
    functions: profile.functions,
    frames: profile.frames,
    sampleTypes: profile.sampleTypes,
    defaultSampleType: profile.defaultSampleType,
  };
}

export function feedProfile(profile: Profile, sink: SampleSink): void {
  const sinkStackOf = feedStacks(profile, sink);
  const labelSetOf = feedLabelSets(profile, sink);
  const { stack, values, timeNs } = profile.samples;
  const row = new Float64Array(values.length);
  for (let i = 0; i < stack.length; i++) {
    for (let t = 0; t < values.length; t++) row[t] = (values[t] as Float64Array)[i] ?? 0;
    const s = sinkStackOf[stack[i] as number] as number;
    sink.sample(s, row, labelSetOf[i] as number, timeNs ? (timeNs[i] as number) : undefined);
  }
}

/**
 * The stack table with equal paths merged: frames equal in what the store keys a frame by (function name, system
 * name, file, start line; line, column, inlined — never the address) are one frame, and rows with the same parent
 * and frame are one row. Importers may keep two rows for one path (perf script's frames differ by address); left
 * apart, the two would compress into different segments and the store would hold one path as two stacks.
 * Linear: one map lookup per frame and per row. Returns each row's representative (its first equal row) and the
 * representative's frame.
 */
function canonicalRows(profile: Profile): { rowOf: Int32Array } {
  const { strings, functions, frames } = profile;
  const str = (i: number | undefined): string => strings[i ?? 0] ?? '';
  const funcKey = new Map<string, number>();
  const canonFunc = new Int32Array(functions.name.length);
  for (let f = 0; f < canonFunc.length; f++) {
    const key = JSON.stringify([
      str(functions.name[f]),
      str(functions.systemName[f]),
      str(functions.file[f]),
      functions.startLine[f] ?? 0,
    ]);
    let id = funcKey.get(key);
    if (id === undefined) funcKey.set(key, (id = f));
    canonFunc[f] = id;
  }
  const frameKey = new Map<string, number>();
  const canonFrame = new Int32Array(frames.func.length);
  for (let f = 0; f < canonFrame.length; f++) {
    const key = `${canonFunc[frames.func[f] as number] ?? -1},${frames.line[f] ?? 0},${frames.column[f] ?? 0},${frames.inlined[f] ? 1 : 0}`;
    let id = frameKey.get(key);
    if (id === undefined) frameKey.set(key, (id = f));
    canonFrame[f] = id;
  }
  const { frame, parent } = profile.stacks;
  const rowKey = new Map<string, number>();
  const rowOf = new Int32Array(frame.length);
  for (let s = 0; s < frame.length; s++) {
    const p = parent[s] as number;
    const key = `${p < 0 ? -1 : (rowOf[p] as number)},${canonFrame[frame[s] as number]}`;
    let id = rowKey.get(key);
    if (id === undefined) rowKey.set(key, (id = s));
    rowOf[s] = id;
  }
  return { rowOf };
}

/** Sends the kept rows of the stack table to the sink; returns each sampled row's sink stack. */
function feedStacks(profile: Profile, sink: SampleSink): Int32Array {
  const { frame, parent } = profile.stacks;
  const count = frame.length;
  const frameCount = profile.frames.func.length;
  for (let s = 0; s < count; s++) {
    const f = frame[s] as number;
    if (!(f >= 0 && f < frameCount))
      throw new Error(`stack ${s} points at frame ${f}, which the profile does not have`);
    // A parent at or after its child would make the walks below loop forever.
    if (!((parent[s] as number) < s)) throw new Error(`stack ${s} has parent ${parent[s]}, not an earlier stack`);
  }
  const { rowOf } = canonicalRows(profile);
  // Below, only representative rows (rowOf[s] === s) take part, each under its parent's representative.
  const up1 = (s: number): number => {
    const p = parent[s] as number;
    return p < 0 ? -1 : (rowOf[p] as number);
  };
  const sampled = new Uint8Array(count);
  for (const s of profile.samples.stack) {
    if (!(s >= 0 && s < count)) throw new Error(`a sample points at stack ${s}, which the profile does not have`);
    sampled[rowOf[s] as number] = 1;
  }
  // Children whose subtree holds a sample, counted leaf to root.
  const liveChildren = new Int32Array(count);
  for (let s = count - 1; s >= 0; s--) {
    if (rowOf[s] !== s) continue;
    const p = up1(s);
    if (p >= 0 && (sampled[s] === 1 || (liveChildren[s] as number) > 0))
      liveChildren[p] = (liveChildren[p] as number) + 1;
  }
  const kept = (s: number): boolean => sampled[s] === 1 || (liveChildren[s] as number) >= 2;

  const sinkStackOf = new Int32Array(count).fill(ROOT_STACK);
  let segment: Int32Array<ArrayBuffer> = new Int32Array(256);
  for (let s = 0; s < count; s++) {
    if (rowOf[s] !== s || !kept(s)) continue;
    // Up to the nearest kept ancestor, filling the segment from its end.
    let length = 0;
    let up = s;
    for (; up >= 0 && (up === s || !kept(up)); up = up1(up)) {
      if (length === segment.length) segment = grown(segment);
      segment[length++] = frame[up] as number;
    }
    segment.subarray(0, length).reverse();
    sinkStackOf[s] = sink.stack(up >= 0 ? (sinkStackOf[up] as number) : ROOT_STACK, segment, 0, length);
  }
  // Every row answers with its representative's stack (samples point at any row).
  for (let s = 0; s < count; s++) sinkStackOf[s] = sinkStackOf[rowOf[s] as number] as number;
  return sinkStackOf;
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Per sample, the sink's number of its label set (0: none); each distinct set is sent once. */
function feedLabelSets(profile: Profile, sink: SampleSink): Int32Array {
  const labels = profile.labels;
  const sampleCount = profile.samples.stack.length;
  const result = new Int32Array(sampleCount);
  if (labels.sample.length === 0) return result;
  // Label rows per sample, in table order.
  const rowsOf: number[][] = [];
  labels.sample.forEach((s, row) => {
    if (!(s >= 0 && s < sampleCount)) throw new Error(`a label points at sample ${s}, which the profile does not have`);
    (rowsOf[s] ??= []).push(row);
  });
  const byKey = new Map<string, number>();
  rowsOf.forEach((rows, s) => {
    // Equal rows (string indices and numbers) are one set; the sink compares sets by their text.
    const key = rows.map((r) => `${labels.key[r]},${labels.str[r]},${labels.num[r]},${labels.unit[r]}`).join(';');
    let id = byKey.get(key);
    if (id === undefined) {
      id = sink.labelSet(rows.map((r) => labelOf(labels, r, profile.strings)));
      byKey.set(key, id);
    }
    result[s] = id;
  });
  return result;
}

function labelOf(labels: LabelTable, row: number, strings: readonly string[]): SinkLabel {
  const str = (i: number | undefined): string => strings[i ?? 0] ?? '';
  const isString = (labels.str[row] ?? 0) !== 0;
  return [
    str(labels.key[row]),
    isString ? str(labels.str[row]) : null,
    isString ? null : (labels.num[row] ?? 0),
    isString || !labels.unit[row] ? null : str(labels.unit[row]),
  ];
}
