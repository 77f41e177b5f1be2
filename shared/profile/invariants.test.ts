import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from './builder';
import { checkProfile } from './invariants';
import type { Profile } from './model';

function valid(): Profile {
  const b = new ProfileBuilder('pprof', 'cpu', [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ]);
  const f = b.internFrame({ func: b.internFunction({ name: 'main', file: 'main.go' }), line: 3 });
  const g = b.internFrame({ func: b.internFunction({ name: 'g' }) });
  const leaf = b.internStack(b.internStack(-1, f), g);
  const sample = b.addSample(leaf, [1, 10]);
  b.addStringLabel(sample, 'k', 'v');
  return b.build();
}

describe('checkProfile', () => {
  it('accepts a well-formed profile', () => {
    expect(checkProfile(valid())).toEqual([]);
  });

  it.each<[string, (p: Profile) => void, string]>([
    ['strings[0] not empty', (p) => (p.strings[0] = 'x'), 'strings[0] must be the empty string'],
    ['function name out of range', (p) => (p.functions.name[0] = 99), 'functions.name[0] = 99 is out of range [0, 6)'],
    ['ragged function table', (p) => p.functions.file.pop(), 'functions.file has 1 rows, expected 2'],
    ['frame function out of range', (p) => (p.frames.func[1] = 2), 'frames.func[1] = 2 is out of range [0, 2)'],
    ['negative line', (p) => (p.frames.line[0] = -1), 'frames.line[0] = -1 must be a non-negative integer'],
    ['inlined not 0/1', (p) => (p.frames.inlined[0] = 2), 'frames.inlined[0] must be 0 or 1'],
    ['parent after child', (p) => (p.stacks.parent[0] = 1), 'stacks.parent[0] = 1 must be -1 or a smaller row'],
    ['self parent', (p) => (p.stacks.parent[1] = 1), 'stacks.parent[1] = 1 must be -1 or a smaller row'],
    ['sample stack out of range', (p) => (p.samples.stack[0] = 2), 'samples.stack[0] = 2 is out of range [0, 2)'],
    [
      'value not finite',
      (p) => ((p.samples.values[1] as Float64Array)[0] = NaN),
      'samples.values[1][0] = NaN is not finite',
    ],
    [
      'missing value column',
      (p) => p.samples.values.pop(),
      'samples.values has 1 columns but there are 2 sample types',
    ],
    [
      'short value column',
      (p) => (p.samples.values[0] = new Float64Array(0)),
      'samples.values[0] has 0 rows, samples.stack 1',
    ],
    [
      'timeNs length',
      (p) => (p.samples.timeNs = new Float64Array([1, 2])),
      'samples.timeNs has 2 rows, samples.stack 1',
    ],
    ['label sample', (p) => (p.labels.sample[0] = 3), 'labels.sample[0] = 3 is out of range [0, 1)'],
    ['label key empty', (p) => (p.labels.key[0] = 0), 'labels.key[0] = 0 is out of range [1, 6)'],
    ['default type', (p) => (p.defaultSampleType = 2), 'defaultSampleType 2 is out of range for 2 sample types'],
    ['duration negative', (p) => (p.durationNs = -1), 'durationNs -1 must be a finite non-negative number'],
  ])('finds %s', (_, damage, message) => {
    const p = valid();
    damage(p);
    expect(checkProfile(p)).toContain(message);
  });

  it('caps a long list of violations', () => {
    const p = valid();
    p.frames.line = Array.from({ length: 200 }, () => -1);
    const violations = checkProfile(p);
    expect(violations.length).toBe(51);
    expect(violations[50]).toMatch(/^\.\.\. and \d+ more violations$/);
  });
});
