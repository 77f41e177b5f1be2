/**
 * feedProfile sends a profile's stack table as a compressed trie: every
 * sample's stack, rebuilt from the segments the sink got, is the model's
 * stack (frame by frame, as the store identifies frames); equal paths are one
 * sink stack; the sink never gets more stacks or frames than the model has rows;
 * and a chain of N rows with a sample on each is N one-frame segments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importFile } from '../import/index';
import type { Profile } from './model';
import { feedProfile } from './profile-to-sink';
import { ROOT_STACK, type SampleSink, type SinkLabel } from './sample-sink';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

class RecordingSink implements SampleSink {
  readonly parents: number[] = [];
  readonly segments: number[][] = [];
  readonly samples: { stack: number; values: number[]; labelSet: number; timeNs: number | undefined }[] = [];
  readonly labelSets: SinkLabel[][] = [[]];

  stack(parent: number, frames: ArrayLike<number>, from: number, to: number): number {
    this.parents.push(parent);
    this.segments.push(Array.from({ length: to - from }, (_, i) => frames[from + i] as number));
    return this.segments.length - 1;
  }
  labelSet(labels: SinkLabel[]): number {
    this.labelSets.push(labels);
    return this.labelSets.length - 1;
  }
  sample(stack: number, values: ArrayLike<number>, labelSet: number, timeNs?: number): void {
    this.samples.push({ stack, values: Array.from(values), labelSet, timeNs });
  }

  /** A sink stack's frames, root first. */
  path(stack: number): number[] {
    const parent = this.parents[stack] as number;
    return [...(parent === ROOT_STACK ? [] : this.path(parent)), ...(this.segments[stack] as number[])];
  }
}

/** A frame as the store keys it (never the address): equal frames may be sent as any one of them. */
function frameIdentity(profile: Profile, frame: number): string {
  const { functions, frames, strings } = profile;
  const f = frames.func[frame] as number;
  const fn = [functions.name, functions.systemName, functions.file].map((column) => strings[column[f] ?? 0]);
  return JSON.stringify([
    ...fn,
    functions.startLine[f],
    frames.line[frame],
    frames.column[frame],
    frames.inlined[frame],
  ]);
}

function modelPath(profile: Profile, stack: number): number[] {
  const path: number[] = [];
  for (let s = stack; s >= 0; s = profile.stacks.parent[s] as number) path.unshift(profile.stacks.frame[s] as number);
  return path;
}

const decompressor = { gunzip: (bytes: Uint8Array, max: number) => gunzipSync(bytes, { maxOutputLength: max }) };

describe('feedProfile', () => {
  it.each([
    'pprof/cpu_1.pb.gz',
    'pprof-labels/labelled-cpu.pb.gz',
    'cpuprofile/node-leaky.cpuprofile',
    'perf-script/fxprof__simple-perf.txt.gz',
  ])('sends %s as a compressed trie that rebuilds every sample', (file) => {
    const { items } = importFile(readFileSync(join(FIXTURES, file)), file, { decompressor });
    const item = items[0];
    if (item?.type !== 'profile') throw new Error(`${file} holds no profile`);
    const profile = item.profile;
    const sink = new RecordingSink();
    feedProfile(profile, sink);

    const rows = profile.stacks.frame.length;
    expect(sink.segments.length).toBeLessThanOrEqual(rows);
    expect(sink.segments.reduce((n, s) => n + s.length, 0)).toBeLessThanOrEqual(rows);
    expect(sink.samples).toHaveLength(profile.samples.stack.length);
    sink.samples.forEach((sample, i) => {
      const identities = (path: number[]) => path.map((frame) => frameIdentity(profile, frame));
      expect(identities(sink.path(sample.stack))).toEqual(
        identities(modelPath(profile, profile.samples.stack[i] as number)),
      );
      expect(sample.values).toEqual(profile.samples.values.map((column) => column[i]));
      expect(sample.timeNs).toBe(profile.samples.timeNs?.[i]);
    });
    // Samples on equal paths share one sink stack: no two sink stacks rebuild the same path.
    const paths = new Map<string, number>();
    sink.samples.forEach((sample) => {
      const key = JSON.stringify(sink.path(sample.stack).map((frame) => frameIdentity(profile, frame)));
      expect(paths.get(key) ?? sample.stack).toBe(sample.stack);
      paths.set(key, sample.stack);
    });
    const labelled = new Set(profile.labels.sample);
    sink.samples.forEach((sample, i) => expect(sample.labelSet !== 0).toBe(labelled.has(i)));
  });

  it('sends a chain with a sample on every row as one one-frame segment per row', () => {
    // Folded stacks f0, f0;f1, …: one sample on every row of a 200-deep chain.
    const depth = 200;
    const { items } = importFile(
      new TextEncoder().encode(
        Array.from({ length: depth }, (_, d) => `${Array.from({ length: d + 1 }, (_, i) => `f${i}`).join(';')} 1`).join(
          '\n',
        ),
      ),
      'chain.txt',
      { decompressor },
    );
    const item = items[0];
    if (item?.type !== 'profile') throw new Error('no profile');
    const sink = new RecordingSink();
    feedProfile(item.profile, sink);
    expect(sink.segments).toHaveLength(depth);
    expect(sink.segments.every((s) => s.length === 1)).toBe(true);
    expect(sink.parents.slice(1).every((p, i) => p === i)).toBe(true);
  });
});
