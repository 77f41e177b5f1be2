import { describe, expect, it } from 'vitest';
import { foldedStack } from '../../../test/fixtures/profile-helpers';
import { LIMITS } from '../../../test/fixtures/json-profiles';
import { ProfileBuilder } from '../../profile/builder';
import { addSpanSamples, type Span } from './span-samples';

function sweep(spans: [string, number, number][], withTimes = true) {
  const builder = new ProfileBuilder('chrome-trace', 'trace', [{ type: 'wall', unit: 'nanoseconds' }]);
  const list: Span[] = spans.map(([name, start, end], order) => ({
    start,
    end,
    order,
    frame: builder.internFrame({ func: builder.internFunction({ name }) }),
  }));
  const { clamped } = addSpanSamples(builder, list, LIMITS, withTimes);
  const profile = builder.build();
  return {
    clamped,
    samples: Array.from(profile.samples.stack).map((_, i) => [
      foldedStack(profile, i),
      profile.samples.values[0]?.[i],
      profile.samples.timeNs?.[i],
    ]),
  };
}

describe('addSpanSamples', () => {
  it('one sample per stretch of self time, in time order, whatever the input order', () => {
    expect(
      sweep([
        ['c', 2, 3],
        ['a', 0, 10],
        ['b', 1, 5],
      ]).samples,
    ).toEqual([
      ['a', 1, 0],
      ['a;b', 1, 1],
      ['a;b;c', 1, 2],
      ['a;b', 2, 3],
      ['a', 5, 5],
    ]);
  });

  it('equal spans nest in input order; a longer span encloses a shorter one with the same start', () => {
    expect(
      sweep([
        ['x', 0, 4],
        ['y', 0, 4],
        ['short', 5, 6],
        ['long', 5, 9],
      ]).samples,
    ).toEqual([
      ['x;y', 4, 0],
      ['long;short', 1, 5],
      ['long', 3, 6],
    ]);
  });

  it('siblings that meet end to end do not nest; gaps give no samples; zero-length spans give none', () => {
    expect(
      sweep([
        ['a', 0, 2],
        ['b', 2, 3],
        ['c', 5, 6],
        ['z', 5, 5],
      ]).samples,
    ).toEqual([
      ['a', 2, 0],
      ['b', 1, 2],
      ['c', 1, 5],
    ]);
  });

  it('cuts a span that outlives its parent, and counts it', () => {
    const result = sweep([
      ['alpha', 0, 10],
      ['beta', 5, 15],
    ]);
    expect(result.samples).toEqual([
      ['alpha', 5, 0],
      ['alpha;beta', 5, 5],
    ]);
    expect(result.clamped).toBe(1);
  });

  it('without times, samples carry none', () => {
    expect(sweep([['a', 0, 3]], false).samples).toEqual([['a', 3, undefined]]);
  });
});
