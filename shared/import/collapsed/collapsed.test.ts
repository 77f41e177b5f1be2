import { describe, expect, it } from 'vitest';
import { importBytes, importFixture } from '../../../test/fixtures/load-fixture';
import { allFunctionNames, foldedStack, stackDepth } from '../../../test/fixtures/profile-helpers';
import { checkProfile } from '../../profile/invariants';
import { sampleTotals, type Profile } from '../../profile/model';

function load(file: string): Profile {
  const profile = importFixture(`collapsed/${file}`);
  expect(checkProfile(profile)).toEqual([]);
  return profile;
}

/** Folded stack -> summed count, the profile read back as folded text. */
function folded(profile: Profile): Record<string, number> {
  const result: Record<string, number> = {};
  profile.samples.stack.forEach((_, i) => {
    const key = foldedStack(profile, i);
    result[key] = (result[key] ?? 0) + (profile.samples.values[0]?.[i] as number);
  });
  return result;
}

const SIMPLE = { 'a;b;c': 5, 'a;b;d': 4, 'a;b': 5 };

describe('folded stacks fixtures', () => {
  it('reads the simple file', () => {
    const p = load('speedscope__stackcollapse__simple.txt');
    expect(p.format).toBe('collapsed');
    expect(p.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(folded(p)).toEqual(SIMPLE);
    expect(p.samples.stack.length).toBe(5);
    expect(p.comments).toEqual([]);
  });

  it.each([
    'speedscope__stackcollapse__simple-crlf.txt',
    'speedscope__stackcollapse__simple-utf16-le.txt',
    'speedscope__stackcollapse__simple-utf16-be.txt',
  ])('%s gives the same profile as the plain file', (file) => {
    const plain = load('speedscope__stackcollapse__simple.txt');
    const variant = load(file);
    expect(variant.strings).toEqual(plain.strings);
    expect(variant.stacks).toEqual(plain.stacks);
    expect(variant.samples).toEqual(plain.samples);
  });

  it('skips invalid lines, counts them, and keeps the rest', () => {
    const p = load('speedscope__stackcollapse__simple-with-invalids.txt');
    expect(folded(p)).toEqual(SIMPLE);
    expect(p.comments).toEqual([
      'skipped 2 line(s) that are not "frame;frame count": line 2: // some other comment | line 8: invalid line',
    ]);
  });

  it.each([
    // file, total, sample records, distinct leaf stacks, max depth (MANIFEST.md / counted with awk)
    ['speedscope__stackcollapse__alternating.txt', 182, 182, 2, 2],
    ['speedscope__stackcollapse__recursion.txt', 10, 10, 7, 6],
    ['speedscope__stackcollapse__tall.txt', 1, 1, 1, 26],
    ['speedscope__stackcollapse__perf-vertx-stacks-01-collapsed-all.txt', 285, 199, 198, 69],
    ['fxprof__flamegraph.txt', 152364, 45, 45, 37],
  ])('%s: total %d over %d lines', (file, total, records, distinctStacks, maxDepth) => {
    const p = load(file);
    expect(sampleTotals(p)).toEqual([total]);
    expect(p.samples.stack.length).toBe(records);
    expect(new Set(p.samples.stack).size).toBe(distinctStacks);
    expect(Math.max(...p.samples.stack.map((s) => stackDepth(p, s)))).toBe(maxDepth);
  });

  it('keeps recursion as repeated frames of one function', () => {
    const p = load('speedscope__stackcollapse__recursion.txt');
    expect(allFunctionNames(p).sort()).toEqual(['a', 'b', 'c']);
    expect(folded(p)['a;b;a;b;a;b']).toBe(1);
  });
});

describe('folded stacks parsing', () => {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('takes the count after the last space, so frame names may contain spaces', () => {
    const p = importBytes(text('main;Foo::bar(int, char) const;[unknown] 7\n# comment\n\nmain 2.5\n'), 'f.txt');
    expect(folded(p)).toEqual({ 'main;Foo::bar(int, char) const;[unknown]': 7, main: 2.5 });
  });

  it('drops a trailing empty frame, refuses empty frames elsewhere', () => {
    const p = importBytes(text('a;b; 3\na;;b 4\n'), 'f.txt');
    expect(folded(p)).toEqual({ 'a;b': 3 });
    expect(p.comments[0]).toContain('skipped 1 line(s)');
  });
});
