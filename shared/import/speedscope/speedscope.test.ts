import { describe, expect, it } from 'vitest';
import { fixtureJson, foldedTotals, LIMITS, violations } from '../../../test/fixtures/json-profiles';
import { foldedStack } from '../../../test/fixtures/profile-helpers';
import type { Profile } from '../../profile/model';
import { ImportFailure, LimitExceeded } from '../errors';
import type { NamedProfile } from '../named-profile';
import { importSpeedscope } from './speedscope';

const SCHEMA = 'https://www.speedscope.app/file-format-schema.json';
const FRAMES = [{ name: 'a' }, { name: 'b', file: 'b.js', line: 12, col: 3 }, { name: 'c' }];

function run(json: unknown, limits = LIMITS): NamedProfile[] {
  const items = importSpeedscope(json, limits);
  for (const item of items) expect(violations(item.profile), item.name ?? '').toEqual([]);
  return items;
}

function file(...profiles: unknown[]): unknown {
  return { $schema: SCHEMA, shared: { frames: FRAMES }, profiles };
}

function refusal(json: unknown, limits = LIMITS): string {
  try {
    importSpeedscope(json, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailure);
    return (error as ImportFailure).reason;
  }
  throw new Error('expected the import to fail');
}

function profileOf(items: NamedProfile[]): Profile {
  expect(items).toHaveLength(1);
  return (items[0] as NamedProfile).profile;
}

describe('speedscope sample files', () => {
  it.each([
    'speedscope__speedscope__0.0.1__simple.speedscope.json',
    'speedscope__speedscope__0.0.1__simple-no-pretty-print.speedscope.json',
  ])('%s: evented, unit none → self "time" per stack as counts, no times', (name) => {
    const items = run(fixtureJson(`speedscope/${name}`));
    expect(items.map((i) => i.name)).toEqual(['simple.txt']);
    const profile = profileOf(items);
    expect(profile.format).toBe('speedscope');
    expect(profile.kind).toBe('trace');
    expect(profile.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    // O a@0, O b@0, O c@0, C c@2, O d@2, C d@6, O c@6, C c@9, C b@14, C a@14.
    expect(foldedTotals(profile)).toEqual({ 'a;b;c': 5, 'a;b;d': 4, 'a;b': 5 });
    expect(Array.from(profile.samples.stack).map((_, i) => foldedStack(profile, i))).toEqual([
      'a;b;c',
      'a;b;d',
      'a;b;c',
      'a;b',
    ]);
    expect(Array.from(profile.samples.values[0] ?? [])).toEqual([2, 4, 3, 5]);
    expect(profile.samples.timeNs).toBeNull();
    expect(profile.durationNs).toBeNull();
  });

  it('0.1.2 simple-sampled: unit seconds → wall nanoseconds, weights per stack', () => {
    const profile = profileOf(
      run(fixtureJson('speedscope/speedscope__speedscope__0.1.2__simple-sampled.speedscope.json')),
    );
    expect(profile.kind).toBe('cpu');
    expect(profile.sampleTypes).toEqual([{ type: 'wall', unit: 'nanoseconds' }]);
    expect(foldedTotals(profile)).toEqual({ 'a;b;c': 5e9, 'a;b;d': 4e9, 'a;b': 5e9 });
    expect(profile.samples.stack).toHaveLength(5);
    expect(profile.samples.timeNs).toBeNull();
    expect(profile.durationNs).toBe(14e9);
  });

  it('0.6.0 two-sampled: one item per profile, named by the profile, the file name kept as a comment', () => {
    const items = run(fixtureJson('speedscope/speedscope__speedscope__0.6.0__two-sampled.speedscope.json'));
    expect(items.map((i) => i.name)).toEqual(['one', 'two']);
    for (const { profile } of items) {
      expect(foldedTotals(profile)).toEqual({ 'a;b;c': 5e9, 'a;b;d': 4e9, 'a;b': 5e9 });
      expect(profile.comments).toEqual(['speedscope file: Two Samples']);
    }
  });

  // speedscope's own tests expect both invalid files to fail to import; Kiln refuses them too, saying where.
  it.each([
    [
      'speedscope__speedscope__invalid__incomplete-trace.json',
      'profiles[0] ("p1").events[0] opens frame 0 ("A"), which is never closed (1 frame open at the end)',
    ],
    [
      'speedscope__speedscope__invalid__out-of-order-events.json',
      'profiles[0] ("p1").events[6] closes frame 1 ("B"), but the innermost open frame is 0 ("A")',
    ],
  ])('%s is refused', (name, reason) => {
    expect(refusal(fixtureJson(`speedscope/${name}`))).toBe(reason);
  });
});

describe('units, kinds and times', () => {
  it('evented in milliseconds: times from startValue in nanoseconds, self time per stretch', () => {
    const items = run(
      file({
        type: 'evented',
        name: 'ms',
        unit: 'milliseconds',
        startValue: 100,
        endValue: 103,
        events: [
          { type: 'O', frame: 0, at: 100 },
          { type: 'O', frame: 1, at: 100.25 },
          { type: 'C', frame: 1, at: 101.5 },
          { type: 'C', frame: 0, at: 103 },
        ],
      }),
    );
    const profile = profileOf(items);
    expect(profile.kind).toBe('trace');
    expect(profile.sampleTypes).toEqual([{ type: 'wall', unit: 'nanoseconds' }]);
    expect(Array.from(profile.samples.timeNs ?? [])).toEqual([0, 250_000, 1_500_000]);
    expect(Array.from(profile.samples.values[0] ?? [])).toEqual([250_000, 1_250_000, 1_500_000]);
    expect(profile.durationNs).toBe(3_000_000);
    // Frames keep their file and 1-based position.
    const b = profile.functions.name.findIndex((s) => profile.strings[s] === 'b');
    expect(profile.strings[profile.functions.file[b] as number]).toBe('b.js');
    const frame = profile.frames.func.indexOf(b);
    expect([profile.frames.line[frame], profile.frames.column[frame]]).toEqual([12, 3]);
  });

  it.each<[string, string, { type: string; unit: string }, number]>([
    ['nanoseconds', 'cpu', { type: 'wall', unit: 'nanoseconds' }, 3],
    ['microseconds', 'cpu', { type: 'wall', unit: 'nanoseconds' }, 3000],
    ['milliseconds', 'cpu', { type: 'wall', unit: 'nanoseconds' }, 3e6],
    ['seconds', 'cpu', { type: 'wall', unit: 'nanoseconds' }, 3e9],
    ['bytes', 'allocations', { type: 'space', unit: 'bytes' }, 3],
    ['none', 'cpu', { type: 'samples', unit: 'count' }, 3],
  ])('sampled in %s → kind %s, %o', (unit, kind, sampleType, expected) => {
    const profile = profileOf(
      run(
        file({
          type: 'sampled',
          name: unit,
          unit,
          startValue: 0,
          endValue: 3,
          samples: [
            [0, 2],
            [0, 2],
          ],
          weights: [1, 2],
        }),
      ),
    );
    expect(profile.kind).toBe(kind);
    expect(profile.sampleTypes).toEqual([sampleType]);
    expect(foldedTotals(profile)).toEqual({ 'a;c': expected });
  });

  it('a sample with an empty stack is skipped, as speedscope does', () => {
    const profile = profileOf(
      run(
        file({
          type: 'sampled',
          name: 'p',
          unit: 'none',
          startValue: 0,
          endValue: 3,
          samples: [[], [1]],
          weights: [5, 2],
        }),
      ),
    );
    expect(foldedTotals(profile)).toEqual({ b: 2 });
  });

  it('names: unnamed entries are numbered when there are several, repeats made unique', () => {
    const entry = (name?: string) => ({
      type: 'sampled',
      name,
      unit: 'none',
      startValue: 0,
      endValue: 1,
      samples: [[0]],
      weights: [1],
    });
    expect(run(file(entry())).map((i) => i.name)).toEqual([null]);
    expect(run(file(entry(), entry(), entry('x'), entry('x'))).map((i) => i.name)).toEqual([
      'profile 1',
      'profile 2',
      'x',
      'x (2)',
    ]);
  });
});

describe('what is refused', () => {
  const sampled = {
    type: 'sampled',
    name: 'p',
    unit: 'none',
    startValue: 0,
    endValue: 1,
    samples: [[0]],
    weights: [1],
  };
  const evented = (events: unknown[]) => ({
    type: 'evented',
    name: 'e',
    unit: 'none',
    startValue: 0,
    endValue: 9,
    events,
  });

  it.each<[string, unknown, string]>([
    ['no shared frames', { $schema: SCHEMA, profiles: [] }, 'speedscope file has no "shared" object'],
    ['no profiles', { $schema: SCHEMA, shared: { frames: [] }, profiles: [] }, 'speedscope file has no profiles'],
    [
      'an unknown unit',
      file({ ...sampled, unit: 'days' }),
      'profiles[0] ("p") has unit "days", not one of nanoseconds, microseconds, milliseconds, seconds, bytes, none',
    ],
    [
      'an unknown type',
      file({ ...sampled, type: 'stacks' }),
      'profiles[0] ("p") has type "stacks", not "sampled" or "evented"',
    ],
    [
      'weights that do not match samples',
      file({ ...sampled, weights: [1, 2] }),
      'profiles[0] ("p") has 1 samples but 2 weights',
    ],
    [
      'a weight that is not a number',
      file({ ...sampled, weights: ['1'] }),
      'profiles[0] ("p").weights[0] is not a finite number',
    ],
    [
      'a frame index out of range',
      file({ ...sampled, samples: [[0, 7]] }),
      'profiles[0] ("p").samples[0][1] is not a frame index (7)',
    ],
    [
      'a frame that is not an object',
      { $schema: SCHEMA, shared: { frames: [3] }, profiles: [sampled] },
      'shared.frames[0] is not an object',
    ],
    [
      'an event on an unknown frame',
      file(evented([{ type: 'O', frame: 5, at: 0 }])),
      'profiles[0] ("e").events[0].frame 5 is not an index into shared.frames (3 frames)',
    ],
    [
      'events out of time order',
      file(
        evented([
          { type: 'O', frame: 0, at: 5 },
          { type: 'C', frame: 0, at: 4 },
        ]),
      ),
      'profiles[0] ("e").events[1] is at 4, before the previous event (5): events out of order',
    ],
    [
      'a close with nothing open',
      file(evented([{ type: 'C', frame: 2, at: 0 }])),
      'profiles[0] ("e").events[0] closes frame 2 ("c"), but no frame is open',
    ],
    [
      'an unknown event type',
      file(evented([{ type: 'X', frame: 0, at: 0 }])),
      'profiles[0] ("e").events[0].type is "X", not "O" or "C"',
    ],
    // Found by the fuzz harness (test/fuzz): absent fields were quoted as "undefined".
    [
      'an event without a type',
      file(evented([{ frame: 0, at: 0 }])),
      'profiles[0] ("e").events[0].type is missing, not "O" or "C"',
    ],
    ['an event without a frame', file(evented([{ type: 'O', at: 0 }])), 'profiles[0] ("e").events[0] has no frame'],
    [
      'a profile without a type',
      file({ ...sampled, type: undefined }),
      'profiles[0] ("p") has type missing, not "sampled" or "evented"',
    ],
  ])('refuses %s', (_, json, reason) => {
    expect(refusal(json)).toBe(reason);
  });

  it('checks stack depth, nesting and sample count against the limits', () => {
    const deep = file({ ...sampled, samples: [[0, 1, 2, 0, 1, 2]], weights: [1] });
    expect(() => importSpeedscope(deep, { ...LIMITS, maxStackDepth: 5 })).toThrow(LimitExceeded);
    const nested = file(evented([0, 1, 2, 2, 1, 0].map((frame, i) => ({ type: i < 3 ? 'O' : 'C', frame, at: i }))));
    expect(refusal(nested, { ...LIMITS, maxStackDepth: 2 })).toBe('stack depth 3 exceeds the limit maxStackDepth=2');
    const many = file({ ...sampled, samples: [[0], [1], [2]], weights: [1, 1, 1] });
    expect(refusal(many, { ...LIMITS, maxSamples: 2 })).toBe('sample count 3 exceeds the limit maxSamples=2');
  });

  it('refuses a file of more profiles than maxItems before reading any of them', () => {
    const three = { ...(file(sampled) as Record<string, unknown>), profiles: [sampled, sampled, sampled] };
    expect(run(three, { ...LIMITS, maxItems: 3 })).toHaveLength(3);
    expect(refusal(three, { ...LIMITS, maxItems: 2 })).toBe(
      'holds more than 2 profiles (one per thread, process or profile), over the limit maxItems=2',
    );
  });
});
