/**
 * Turns nested time spans (trace-event B/E and X events, speedscope O/C
 * events) into samples: each stretch of time during which the innermost open
 * span stays the same becomes one sample of the whole open stack, weighted by
 * its length, at the time it starts. That is the self time of the innermost
 * span, the same reduction the Firefox Profiler documents for tracing data
 * ("tracing-ms" weights: samples are the self time of each span).
 *
 * Spans are nested by start (earlier first), then end (longer first: a longer
 * span cannot be inside a shorter one), then input order (equal spans nest in
 * the order they were opened). A span that starts inside another but ends
 * after it is cut at its parent's end and counted, so totals never exceed the
 * parent's time. Stretches of zero length yield no sample. One pass with an
 * explicit stack: nothing recurses, however deep the nesting.
 */
import type { ProfileBuilder } from '../../profile/builder';
import { checkLimit, type ImportLimits } from '../limits';

export interface Span {
  /** In the profile's value unit (nanoseconds for time). */
  start: number;
  end: number;
  /** Row returned by `ProfileBuilder.internFrame`. */
  frame: number;
  /** Tie-breaker for spans with equal start and end: the smaller one encloses the other. */
  order: number;
}

export interface SpanSweep {
  /** Spans cut because they ended after the span that encloses them. */
  clamped: number;
}

/**
 * Adds one sample per stretch of self time. With `withTimes`, each sample's
 * time is its start (the builder's `timeNs`); otherwise samples carry no time.
 */
export function addSpanSamples(
  builder: ProfileBuilder,
  spans: Span[],
  limits: ImportLimits,
  withTimes: boolean,
): SpanSweep {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const openEnd: number[] = [];
  const openStack: number[] = [];
  let cursor = 0;
  let clamped = 0;

  const emit = (stack: number, from: number, to: number): void => {
    if (!(to > from)) return;
    checkLimit('sample count', builder.sampleCount + 1, limits, 'maxSamples');
    if (withTimes) builder.addSample(stack, [to - from], from);
    else builder.addSample(stack, [to - from]);
  };
  const closeUntil = (time: number): void => {
    for (let top = openEnd.length - 1; top >= 0 && (openEnd[top] as number) <= time; top--) {
      const end = openEnd[top] as number;
      emit(openStack[top] as number, cursor, end);
      cursor = Math.max(cursor, end);
      openEnd.pop();
      openStack.pop();
    }
  };

  for (const span of spans) {
    closeUntil(span.start);
    const depth = openEnd.length;
    let end = Math.max(span.end, span.start);
    if (depth > 0) {
      emit(openStack[depth - 1] as number, cursor, span.start);
      const parentEnd = openEnd[depth - 1] as number;
      if (end > parentEnd) {
        end = parentEnd;
        clamped++;
      }
    }
    cursor = span.start;
    checkLimit('stack depth', depth + 1, limits, 'maxStackDepth');
    openEnd.push(end);
    openStack.push(builder.internStack(depth > 0 ? (openStack[depth - 1] as number) : -1, span.frame));
  }
  closeUntil(Infinity);
  return { clamped };
}
