/**
 * The catalogue's first fetch waits on the timeline's first answers (timelineFirstAnswers.ts): it goes once both
 * are in, and after the cap when one never comes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timelineAnswered, useTimelineFirstAnswers } from './timelineFirstAnswers';

describe('timelineAnswered', () => {
  afterEach(() => {
    useTimelineFirstAnswers.setState({ markers: false, series: false });
    vi.useRealTimers();
  });

  it('resolves once the markers and the series have both answered, not before', async () => {
    let resolved = false;
    const waiting = timelineAnswered(60_000).then(() => (resolved = true));
    useTimelineFirstAnswers.getState().answered('series');
    await Promise.resolve();
    expect(resolved).toBe(false);
    useTimelineFirstAnswers.getState().answered('markers');
    await waiting;
    expect(resolved).toBe(true);
  });

  it('resolves at once when both are in already, and after the cap when one never answers', async () => {
    useTimelineFirstAnswers.setState({ markers: true, series: true });
    await expect(timelineAnswered(60_000)).resolves.toBeUndefined();
    useTimelineFirstAnswers.setState({ markers: true, series: false });
    vi.useFakeTimers();
    let resolved = false;
    const waiting = timelineAnswered(2_000).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(resolved).toBe(true);
  });
});
