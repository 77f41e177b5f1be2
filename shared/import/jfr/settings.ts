/**
 * Sampling periods from jdk.ActiveSetting events.
 *
 * Facts (jdk.jfr.internal.settings / PlatformRecorder): at the start of every
 * chunk, and when a recording starts, JFR writes one jdk.ActiveSetting event
 * per setting of each event type: { id: the event type's id (long), name:
 * "enabled" | "period" | "threshold" | "stackTrace" | "throttle" …, value:
 * text }. A period is a timespan such as "10 ms", "20 ms" or "1 s" (units ns,
 * us, ms, s, m, h, d), or a keyword ("everyChunk", "beginChunk", "endChunk")
 * for periodic events. When recordings with different periods overlap, the
 * recorder samples at the shortest, so the shortest stated period counts.
 */
import { num, text } from './constant-pools';
import type { Chunk, ChunkEvent } from './chunk';

const NS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['ns', 1],
  ['us', 1e3],
  ['µs', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['m', 60e9],
  ['min', 60e9],
  ['h', 3600e9],
  ['d', 86400e9],
]);

/** A JFR timespan setting ("10 ms", "20ms", "1 s") in ns; null for keywords, zero or anything else. */
export function parseTimespanNs(value: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zµ]+)\s*$/.exec(value);
  if (!match) return null;
  const perUnit = NS_PER_UNIT.get(match[2] as string);
  if (perUnit === undefined) return null;
  const ns = Math.round(Number(match[1]) * perUnit);
  return ns > 0 && Number.isFinite(ns) ? ns : null;
}

/** The shortest "period" stated per event type name, per chunk. */
export class PeriodSettings {
  private readonly byChunk: Map<string, number>[] = [];

  accept(chunk: Chunk, event: ChunkEvent): void {
    const { pools } = chunk;
    if (text(pools, event.value.name) !== 'period') return;
    const typeId = num(pools, event.value.id);
    const type = typeId === null ? undefined : chunk.metadata.byId.get(typeId);
    const value = text(pools, event.value.value);
    const ns = value === null ? null : parseTimespanNs(value);
    if (!type || ns === null) return;
    let periods = this.byChunk[chunk.index];
    if (!periods) {
      periods = new Map();
      this.byChunk[chunk.index] = periods;
    }
    const previous = periods.get(type.name);
    if (previous === undefined || ns < previous) periods.set(type.name, ns);
  }

  /**
   * The period of `eventType` in each of `chunkCount` chunks: the chunk's own,
   * else the one before it, else the first stated at all; null when no chunk states one.
   */
  periods(eventType: string, chunkCount: number): (number | null)[] {
    const stated: (number | null)[] = [];
    let first: number | null = null;
    for (let i = 0; i < chunkCount; i++) {
      const ns = this.byChunk[i]?.get(eventType) ?? null;
      stated.push(ns);
      if (first === null && ns !== null) first = ns;
    }
    let carry = first;
    return stated.map((ns) => {
      if (ns !== null) carry = ns;
      return carry;
    });
  }
}
