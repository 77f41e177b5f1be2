/** Small numeric helpers. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank percentile: the smallest value with at least p% of samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(values) {
  return percentile(values, 50);
}

/**
 * Frame times of timed interactions ({ start, drawn, nextFrame } in ms, as the pages' probes record them): how many,
 * start to drawn (p50, p95, max) and start to the frame after (p50, p95).
 */
export function frameTimeStats(interactions) {
  const frame = interactions.map((d) => d.drawn - d.start);
  const next = interactions.map((d) => d.nextFrame - d.start);
  return {
    n: interactions.length,
    p50: percentile(frame, 50),
    p95: percentile(frame, 95),
    max: percentile(frame, 100),
    nextP50: percentile(next, 50),
    nextP95: percentile(next, 95),
  };
}
