/**
 * A speedscope "evented" profile's open/close events to time spans, checked
 * the way speedscope checks them when it builds the profile: events in
 * non-decreasing `at` order, each "C" closing the innermost open frame (the
 * same frame index), nothing left open at the end. Any violation fails with
 * the event's index, as speedscope refuses such files.
 */
import { fail } from '../errors';
import { isObject } from '../json-read';
import type { Span } from '../chrome-trace/span-samples';

export function spansOfEvents(
  events: unknown[],
  where: string,
  frames: unknown[],
  frameRow: (index: number) => number,
  toValue: (at: number) => number,
): Span[] {
  const spans: Span[] = [];
  const open: { frame: number; at: number; index: number }[] = [];
  let previousAt = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const at_ = `${where}.events[${i}]`;
    if (!isObject(event)) return fail(`${at_} is not an object`);
    const { type, at, frame } = event;
    if (type !== 'O' && type !== 'C') return fail(`${at_}.type is ${shown(type)}, not "O" or "C"`);
    if (typeof at !== 'number' || !Number.isFinite(at)) return fail(`${at_}.at is not a finite number`);
    if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0 || frame >= frames.length) {
      if (frame === undefined) return fail(`${at_} has no frame`);
      return fail(`${at_}.frame ${shown(frame)} is not an index into shared.frames (${frames.length} frames)`);
    }
    if (at < previousAt)
      return fail(`${at_} is at ${at}, before the previous event (${previousAt}): events out of order`);
    previousAt = at;
    if (type === 'O') {
      open.push({ frame, at, index: i });
      continue;
    }
    const top = open.pop();
    if (top === undefined) return fail(`${at_} closes frame ${describe(frames, frame)}, but no frame is open`);
    if (top.frame !== frame) {
      return fail(
        `${at_} closes frame ${describe(frames, frame)}, but the innermost open frame is ${describe(frames, top.frame)}`,
      );
    }
    spans.push({ start: toValue(top.at), end: toValue(at), frame: frameRow(frame), order: top.index });
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) {
    fail(
      `${where}.events[${unclosed.index}] opens frame ${describe(frames, unclosed.frame)}, which is never closed ` +
        `(${open.length} frame${open.length === 1 ? '' : 's'} open at the end)`,
    );
  }
  return spans;
}

/** `3 ("alpha")`, or just the index when the frame has no usable name. */
/** A JSON value as a message quotes it; "missing" for an absent field (never "undefined", which means nothing to a user). */
export function shown(value: unknown): string {
  return value === undefined ? 'missing' : (JSON.stringify(value) ?? 'missing');
}

function describe(frames: unknown[], index: number): string {
  const frame = frames[index];
  const name = isObject(frame) && typeof frame.name === 'string' ? frame.name : null;
  return name === null
    ? String(index)
    : `${index} (${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)})`;
}
