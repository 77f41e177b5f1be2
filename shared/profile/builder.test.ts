import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from './builder';
import { checkProfile } from './invariants';

function twoTypes(): ProfileBuilder {
  return new ProfileBuilder('pprof', 'cpu', [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ]);
}

describe('ProfileBuilder', () => {
  it('interns functions, frames and stack nodes', () => {
    const b = twoTypes();
    const main = b.internFunction({ name: 'main', file: 'main.go', startLine: 3 });
    expect(b.internFunction({ name: 'main', file: 'main.go', startLine: 3 })).toBe(main);
    expect(b.internFunction({ name: 'main', file: 'other.go', startLine: 3 })).not.toBe(main);
    const work = b.internFunction({ name: 'work', systemName: 'work.sys' });

    const mainFrame = b.internFrame({ func: main, line: 10 });
    expect(b.internFrame({ func: main, line: 10 })).toBe(mainFrame);
    expect(b.internFrame({ func: main, line: 11 })).not.toBe(mainFrame);
    const workFrame = b.internFrame({ func: work, line: 20, column: 4, address: 0x1234, inlined: true });

    const root = b.internStack(-1, mainFrame);
    const leaf = b.internStack(root, workFrame);
    expect(b.internStack(-1, mainFrame)).toBe(root);
    expect(b.internStack(root, workFrame)).toBe(leaf);
    expect(b.internStack(-1, workFrame)).not.toBe(leaf);
    expect(b.stackDepth(leaf)).toBe(2);

    b.addSample(leaf, [1, 10_000_000]);
    b.addSample(leaf, [2, 20_000_000]);
    b.addStringLabel(0, 'thread', 'main');
    b.addNumericLabel(1, 'bytes', 64, 'bytes');
    b.period = 10_000_000;
    b.comments.push('hello');
    const p = b.build();

    expect(checkProfile(p)).toEqual([]);
    expect(p.strings[0]).toBe('');
    expect(p.functions.name.map((s) => p.strings[s])).toEqual(['main', 'main', 'work']);
    expect(p.functions.systemName.map((s) => p.strings[s])).toEqual(['', '', 'work.sys']);
    expect(p.functions.startLine).toEqual([3, 3, 0]);
    expect(p.frames).toEqual({
      func: [0, 0, 2],
      line: [10, 11, 20],
      column: [0, 0, 4],
      address: [0, 0, 0x1234],
      inlined: [0, 0, 1],
    });
    expect(p.stacks).toEqual({ frame: [0, 2, 2], parent: [-1, 0, -1] });
    expect(p.samples).toEqual({
      stack: new Int32Array([1, 1]),
      values: [new Float64Array([1, 2]), new Float64Array([10_000_000, 20_000_000])],
      timeNs: null,
    });
    expect(p.labels.key.map((k) => p.strings[k])).toEqual(['thread', 'bytes']);
    expect(p.labels.str.map((s) => p.strings[s])).toEqual(['main', '']);
    expect(p.labels.num).toEqual([0, 64]);
    expect(p.labels.unit.map((u) => p.strings[u])).toEqual(['', 'bytes']);
    expect(p.defaultSampleType).toBe(1);
    expect(p.period).toBe(10_000_000);
    expect(p.comments).toEqual(['hello']);
  });

  it('keeps sample times all or nothing', () => {
    const b = twoTypes();
    const s = b.internStack(-1, b.internFrame({ func: b.internFunction({ name: 'f' }) }));
    b.addSample(s, [1, 1], 100);
    expect(() => b.addSample(s, [1, 1])).toThrow('either every sample has a time or none has');
    b.addSample(s, [1, 1], 200);
    expect(b.build().samples.timeNs).toEqual(new Float64Array([100, 200]));
  });

  it('grows its typed sample columns past their capacity and hands out exact-length columns', () => {
    const b = twoTypes();
    const s = b.internStack(-1, b.internFrame({ func: b.internFunction({ name: 'f' }) }));
    b.reserveSamples(3, true);
    // Past the reservation: the columns double, and the rows already added keep their values.
    for (let i = 0; i < 5000; i++) b.addSample(s, [i, 2 * i], 10 * i);
    const p = b.build();
    expect(p.samples.stack).toBeInstanceOf(Int32Array);
    expect(p.samples.stack.length).toBe(5000);
    // Trimmed to their length: no slack buffer travels with the profile to another thread.
    expect(p.samples.stack.buffer.byteLength).toBe(5000 * 4);
    expect(p.samples.values.map((c) => [c.length, c.buffer.byteLength, c[4999]])).toEqual([
      [5000, 5000 * 8, 4999],
      [5000, 5000 * 8, 9998],
    ]);
    expect(p.samples.timeNs?.buffer.byteLength).toBe(5000 * 8);
    expect([p.samples.timeNs?.[0], p.samples.timeNs?.[1234], p.samples.timeNs?.[4999]]).toEqual([0, 12340, 49990]);
    expect(checkProfile(p)).toEqual([]);
  });

  it('a reservation made with times serves samples without them, as they turn out', () => {
    const b = twoTypes();
    const s = b.internStack(-1, b.internFrame({ func: b.internFunction({ name: 'f' }) }));
    b.reserveSamples(2, true);
    b.addSample(s, [1, 5]);
    b.addSample(s, [1, 6]);
    const p = b.build();
    expect(p.samples).toEqual({
      stack: new Int32Array([0, 0]),
      values: [new Float64Array([1, 1]), new Float64Array([5, 6])],
      timeNs: null,
    });
  });

  it('adopts whole columns as its samples, checking them', () => {
    const b = twoTypes();
    const s = b.internStack(-1, b.internFrame({ func: b.internFunction({ name: 'f' }) }));
    const stack = new Int32Array([s, s]);
    const values = [new Float64Array([1, 1]), new Float64Array([3, 4])];
    const timeNs = new Float64Array([0, 3]);
    expect(() => b.adoptSamples(new Int32Array([s + 1]), [new Float64Array(1), new Float64Array(1)], null)).toThrow(
      'sample stack 1 does not exist',
    );
    expect(() => b.adoptSamples(stack, [values[0] as Float64Array], timeNs)).toThrow(
      '1 value columns for 2 sample types',
    );
    expect(() => b.adoptSamples(stack, values, new Float64Array(1))).toThrow(
      'every sample column must be as long as the stack column',
    );
    b.adoptSamples(stack, values, timeNs);
    expect(b.sampleCount).toBe(2);
    expect(() => b.addSample(s, [1, 1])).toThrow('either every sample has a time or none has');
    b.addStringLabel(1, 'thread', 'main');
    const p = b.build();
    // The very arrays handed over: no copy of millions of samples.
    expect(p.samples.stack).toBe(stack);
    expect(p.samples.values[1]).toBe(values[1]);
    expect(p.samples.timeNs).toBe(timeNs);
    expect(checkProfile(p)).toEqual([]);
  });

  it('refuses rows that would break the model', () => {
    const b = twoTypes();
    expect(() => b.internFrame({ func: 0 })).toThrow('frame refers to function 0, but only 0 exist');
    const frame = b.internFrame({ func: b.internFunction({ name: 'f' }) });
    expect(() => b.internStack(5, frame)).toThrow('stack parent 5 does not exist');
    expect(() => b.internStack(-1, 7)).toThrow('stack frame 7 does not exist');
    const stack = b.internStack(-1, frame);
    expect(() => b.addSample(stack, [1])).toThrow('sample has 1 values but the profile has 2 sample types');
    expect(() => b.addSample(9, [1, 1])).toThrow('sample stack 9 does not exist');
    expect(() => b.addStringLabel(0, 'k', 'v')).toThrow('label sample 0 does not exist');
    b.build();
    expect(() => b.build()).toThrow('ProfileBuilder.build() may be called once');
  });

  it('builds a 100,000-node stack tree quickly and in topological order', () => {
    const b = new ProfileBuilder('collapsed', 'cpu', [{ type: 'samples', unit: 'count' }]);
    const frames = Array.from({ length: 1000 }, (_, i) => b.internFrame({ func: b.internFunction({ name: `f${i}` }) }));
    const start = performance.now();
    const value = [1];
    // 1,000,000 samples over 100 chains of 1,000 frames: 100,000 stack nodes.
    const leaves: number[] = [];
    for (let chain = 0; chain < 100; chain++) {
      let stack = -1;
      for (let d = 0; d < 1000; d++) stack = b.internStack(stack, frames[(chain * 7 + d) % 1000] as number);
      leaves.push(stack);
    }
    for (let i = 0; i < 1_000_000; i++) b.addSample(leaves[i % 100] as number, value);
    const p = b.build();
    expect(performance.now() - start).toBeLessThan(3000);
    expect(p.stacks.frame.length).toBe(100_000);
    expect(p.samples.stack.length).toBe(1_000_000);
    expect(checkProfile(p)).toEqual([]);
  });
});
