/**
 * When each V8 sample was taken and how much wall time it stands for.
 *
 * V8 samples can be out of order (timeDeltas may be negative); like Chrome
 * DevTools (CPUProfileDataModel sorts samples by timestamp), samples are put
 * in time order first, stably, so that times are monotonic.
 *
 * Wall weight of a sample (a documented choice): the time until the next
 * sample, i.e. the sampled stack is taken to run until the next sample is
 * taken, as DevTools' flame chart and speedscope draw it. The last sample has
 * no next one: it gets the mean interval of the others, because `endTime`
 * can lie far after the last sample (profiling stopped while idle) and would
 * inflate it; it is rounded to whole microseconds, the file's own resolution,
 * so totals stay whole nanoseconds. A lone sample gets endTime - its time when that is known.
 * So the total wall time is (last - first sample time) + one mean interval.
 */
export interface SampleTimes {
  /** Sample indices (into the file's samples[]) in time order. */
  order: Int32Array;
  /** Time of each sample in `order`, microseconds (same clock as the file). */
  timeUs: ArrayLike<number>;
  /** Wall weight of each sample in `order`, microseconds. */
  weightUs: Float64Array;
  /** Mean interval between consecutive samples, null with fewer than two. */
  meanIntervalUs: number | null;
}

/** Typed arrays throughout: a profile of 15M samples costs 20 bytes a sample here, not a JS array's 8 per element plus holes' dictionaries. */
export function sampleTimes(timestampsUs: ArrayLike<number>, endTimeUs: number | null): SampleTimes {
  const count = timestampsUs.length;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = (timestampsUs[i] as number) >= (timestampsUs[i - 1] as number);
  // TypedArray.prototype.sort is stable too (ES2023 requires it; V8's is), so equal times keep file order.
  if (!sorted) order.sort((a, b) => (timestampsUs[a] as number) - (timestampsUs[b] as number));

  let timeUs: ArrayLike<number> = timestampsUs;
  if (!sorted) {
    const inOrder = new Float64Array(count);
    for (let k = 0; k < count; k++) inOrder[k] = timestampsUs[order[k] as number] as number;
    timeUs = inOrder;
  }
  const weightUs = new Float64Array(count);
  for (let k = 0; k + 1 < count; k++) weightUs[k] = (timeUs[k + 1] as number) - (timeUs[k] as number);
  const meanIntervalUs = count >= 2 ? ((timeUs[count - 1] as number) - (timeUs[0] as number)) / (count - 1) : null;
  if (count >= 2) weightUs[count - 1] = Math.round(meanIntervalUs as number);
  else if (count === 1) {
    const last = timeUs[0] as number;
    weightUs[0] = endTimeUs !== null && endTimeUs >= last ? endTimeUs - last : 0;
  }
  return { order, timeUs, weightUs, meanIntervalUs };
}
