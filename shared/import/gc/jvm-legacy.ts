/**
 * JDK 6–8 GC logs written with -XX:+PrintGCDetails (or plain -verbose:gc),
 * with or without -XX:+PrintGCDateStamps / -XX:+PrintGCTimeStamps /
 * -XX:+PrintGCID / -XX:+PrintGCCause. Records (see jvm-legacy-records.ts):
 *
 * - Parallel/Serial/CMS young and full pauses:
 *   `[GC (Allocation Failure) [PSYoungGen: 33275K->5090K(38400K)] 33275K->25604K(125952K), 0.0081 secs]`,
 *   `[Full GC (Ergonomics) [PSYoungGen: …] [ParOldGen: …] 62M->61M(123M), [Metaspace: …], 0.0136 secs]`.
 *   The heap is the transition outside the per-generation brackets (its `after` is the occupancy the pause
 *   left, heapAfterBytes in shared/gc/model.ts); the pause is the record's last time.
 * - CMS pauses: `[GC (CMS Initial Mark) [1 CMS-initial-mark: 8756K(12288K)] 8758K(16320K), 0.0005 secs]` and
 *   the remark (`[YG occupancy: …]`, `[1 CMS-remark: …]`); they print one heap occupancy, kept as both
 *   before and after (these pauses free nothing). JDK 6/7 print "[GC" without the cause.
 * - G1: `[GC pause (G1 Evacuation Pause) (young) (initial-mark), 0.0123 secs]` (JDK 6: `[GC pause (young)`,
 *   `(partial)`), `[GC remark …]`, `[GC cleanup 75M->25M(103M), 0.0004 secs]`, `[Full GC …]`. With
 *   PrintGCDetails the heap is on the detail block's `[Eden: … Heap: 24.0M(256.0M)->8.0M(256.0M)]` line
 *   that follows the record.
 * - Shenandoah (JDK 8 backport): `[Pause Init Mark (process weakrefs), 3.341 ms]`,
 *   `[Concurrent cleanup 1907M->1628M(1944M), 0.077 ms]`; `[…, start]` lines are start markers.
 * - Concurrent phases (pauseNs 0, durationNs): G1 `[GC concurrent-mark-end, 0.0126670 sec]`, CMS
 *   `[CMS-concurrent-mark: 0.042/0.042 secs]` (CPU time / wall time: the wall time is kept), Shenandoah
 *   `[Concurrent marking, 866.393 ms]`. "-start", "-abort" and "-reset-for-overflow" records are not events.
 * - A GC record inside another pause (CMS's -XX:+CMSScavengeBeforeRemark young collection inside the
 *   remark) is its own event, and the enclosing pause keeps only its own part of the time.
 * - "Total time for which application threads were stopped" (PrintGCApplicationStoppedTime) repeats
 *   pauses at safepoints and is not an event; neither are PrintHeapAtGC blocks or the JVM's header.
 *
 * A record's time is its uptime stamp when there is one; with date stamps only it is the date relative to the
 * first record. Records with neither cannot be placed and are counted as skipped. The event time is the start
 * (shared/gc/model.ts timeMs): a pause record is stamped when it opens, at the pause's start (HotSpot 8's
 * GCTraceTime prints the stamps in its constructor and the time in its destructor, gcTraceTime.cpp), so its
 * stamp is kept; a concurrent record (G1's "-end", CMS's, printed by the phase's end) and a Shenandoah timed line
 * (written at the end, after its "…, start" line) are stamped at the end: the stamp minus the time they print.
 */
import type { GcEvent, GcLog } from '../../gc/model';
import {
  durationNs,
  JVM_SIZE,
  JVM_SIZE_START,
  parseHeapTransition,
  parseSizeBytes,
  scaleDecimal,
  trailingNumber,
} from '../../gc/parse-units';
import { GcEventCollector, startBefore } from './events';
import { firstLines, GC_SNIFF_LINES } from './lines';
import { parseIsoTimeMs } from '../iso-time';
import {
  collectorFromFlags,
  collectorFromPause,
  collectorFromSpace,
  jvmConcurrentKind,
  jvmPauseName,
  splitParenthesised,
} from './jvm-gc-names';
import { LEGACY_STAMPS, legacyItems, UNSTAMPED_GC, type Stamps } from './jvm-legacy-records';
import type { ImportLimits } from '../limits';

const SNIFF_RECORD = new RegExp(
  String.raw`^\s*(?=[0-9#])${LEGACY_STAMPS}\[(?:GC\b|Full GC\b|GC pause|CMS-concurrent-|Pause |Concurrent )`,
);
const SNIFF_STOPPED = new RegExp(`^${LEGACY_STAMPS}Total time for which application threads were stopped: `);

/**
 * A pre-JDK 9 GC log: a stamped GC record ("2.167: [GC (Allocation Failure) …"), an unstamped
 * "[GC …"/"[Full GC …" record, a PrintGCApplicationStoppedTime line, the JDK 8 header's
 * "CommandLine flags: … -XX:+PrintGC…", a PrintHeapAtGC block or Shenandoah's exit statistics.
 */
export function looksLikeJvmLegacy(textStart: string): boolean {
  return firstLines(textStart, GC_SNIFF_LINES).some(
    (line) =>
      SNIFF_RECORD.test(line) ||
      UNSTAMPED_GC.test(line) ||
      SNIFF_STOPPED.test(line) ||
      /^CommandLine flags: .*-XX:\+Print(GC|GCDetails)\b/.test(line) ||
      /^\{Heap before GC invocations=[0-9]+ \(full [0-9]+\):$/.test(line) ||
      /^Total Pauses \(G\) +=/.test(line),
  );
}

const HEAP = new RegExp(`(${JVM_SIZE_START})(?:\\((${JVM_SIZE})\\))?->(${JVM_SIZE})\\((${JVM_SIZE})\\)`);
const OCCUPANCY = new RegExp(`(?:^|\\s)(${JVM_SIZE_START})\\((${JVM_SIZE})\\)`);
const G1_DETAIL_HEAP = new RegExp(`Heap: (${JVM_SIZE}\\(${JVM_SIZE}\\)->${JVM_SIZE}\\(${JVM_SIZE}\\))\\]`);
/** Units of a record's time: "…, 0.0144450 secs", "… 0.0064 sec", Shenandoah's "…, 3.341 ms". */
const TIME_UNITS = ['secs', 'sec', 'ms'];
const STAMP_SUFFIX = new RegExp(`${LEGACY_STAMPS}$`);
/** Longer than a date stamp, an uptime stamp and a GC id together. */
const STAMP_SUFFIX_CHARS = 64;
const NESTED_GC = /^(?:GC pause\b|GC \(|GC [0-9]|GC--|Full GC\b)/;
const NO_STAMPS: Stamps = { dateText: null, uptimeText: null, gcId: null };

/** A record's text outside its nested brackets, and what is nested. */
interface Split {
  top: string;
  /** The first word(s) of each nested bracket ("ParNew", "1 CMS-initial-mark", "YG occupancy"). */
  labels: string[];
  /** Nested GC records with their own stamps. */
  nested: { stamps: Stamps; body: string }[];
}

function splitRecord(body: string): Split {
  const split: Split = { top: '', labels: [], nested: [] };
  const top: string[] = [];
  let depth = 0;
  let start = 0;
  let stamps: Stamps = NO_STAMPS;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x5b) {
      if (depth === 0) {
        // The stamps printed right before a nested bracket belong to it ("2.167: [ParNew: …").
        let segment = body.slice(start, i);
        const stamp = STAMP_SUFFIX.exec(segment.slice(-STAMP_SUFFIX_CHARS));
        stamps = {
          dateText: stamp?.[1] ?? null,
          uptimeText: stamp?.[2] ?? null,
          gcId: stamp?.[3] === undefined ? null : Number(stamp[3]),
        };
        if (stamp && stamp[0] !== '') segment = segment.slice(0, segment.length - stamp[0].length);
        top.push(segment);
        start = i + 1;
      }
      depth++;
    } else if (c === 0x5d && depth > 0 && --depth === 0) {
      const inner = body.slice(start, i);
      if (NESTED_GC.test(inner)) split.nested.push({ stamps, body: inner });
      else {
        const colon = inner.indexOf(':');
        split.labels.push((colon < 0 ? inner : inner.slice(0, colon)).trim());
      }
      start = i + 1;
    }
  }
  if (depth === 0) top.push(body.slice(start));
  split.top = top.join('').replace(/\s+/g, ' ').trim();
  return split;
}

interface Context {
  events: GcEventCollector;
  firstDateMs: number | null;
  startTimeMs: number | null;
  collector: string | null;
  /** The last G1 pause without a heap transition, until its detail block's "Heap:" line. */
  awaitingHeap: GcEvent | null;
}

/** Event time for a record's stamps; null when it has none. */
function timeOf(stamps: Stamps, ctx: Context): number | null {
  const dateMs = stamps.dateText === null ? null : parseIsoTimeMs(stamps.dateText);
  const uptimeMs = stamps.uptimeText === null ? null : scaleDecimal(stamps.uptimeText, 3);
  if (dateMs !== null) {
    ctx.firstDateMs ??= dateMs;
    if (uptimeMs !== null) ctx.startTimeMs ??= dateMs - uptimeMs;
  }
  if (uptimeMs !== null) return uptimeMs;
  if (dateMs !== null && ctx.firstDateMs !== null) return dateMs - ctx.firstDateMs;
  return null;
}

/**
 * The time at the end of a record's text, and where it starts; a number without a unit is read in
 * `bareUnit` (G1 JDK 6's "…, 0.0019007"), or refused when that is null.
 */
function trailingTime(top: string, bareUnit: string | null): { ns: number; index: number } | null {
  const time = trailingNumber(top, TIME_UNITS);
  const unit = time?.unit ?? bareUnit;
  const ns = time && unit !== null ? durationNs(time.number, unit) : null;
  return time && ns !== null ? { ns, index: time.index } : null;
}

function emptyEvent(timeMs: number): GcEvent {
  return {
    timeMs,
    kind: '',
    generation: null,
    cause: null,
    pauseNs: 0,
    durationNs: null,
    heapBeforeBytes: null,
    heapAfterBytes: null,
    heapCapacityBytes: null,
  };
}

function setHeap(event: GcEvent, top: string, occupancyToo: boolean): boolean {
  const heap = HEAP.exec(top);
  if (heap) {
    const transition = parseHeapTransition(heap[0]);
    if (transition) {
      event.heapBeforeBytes = transition.beforeBytes;
      event.heapAfterBytes = transition.afterBytes;
      event.heapCapacityBytes = transition.capacityBytes;
      return true;
    }
  }
  if (occupancyToo) {
    const occupancy = OCCUPANCY.exec(top);
    if (occupancy) {
      event.heapBeforeBytes = parseSizeBytes(occupancy[1] as string);
      event.heapAfterBytes = event.heapBeforeBytes;
      event.heapCapacityBytes = parseSizeBytes(occupancy[2] as string);
      return true;
    }
  }
  return false;
}

/** Kind, generation and cause of a pause record from its text outside nested brackets; null when not a pause. */
function pauseName(
  top: string,
  labels: readonly string[],
): { kind: string; generation: string | null; cause: string | null } | null {
  if (top.startsWith('GC pause')) {
    const { groups } = splitParenthesised(`x${top.slice(8)}`);
    const types = new Set(groups.map((g) => g.toLowerCase()));
    const cause = groups.find((g) => !/^(young|mixed|partial|initial-mark)$/i.test(g)) ?? null;
    if (types.has('initial-mark')) return { kind: 'concurrent-start', generation: 'young', cause };
    // JDK 6's "partial" is the collection that JDK 7+ calls "mixed": young and some old regions.
    if (types.has('mixed') || types.has('partial')) return { kind: 'mixed', generation: 'both', cause };
    return { kind: 'young', generation: 'young', cause };
  }
  if (/^GC remark\b/.test(top)) return { kind: 'remark', generation: null, cause: null };
  if (/^GC cleanup\b/.test(top)) return { kind: 'cleanup', generation: null, cause: null };
  const full = /^Full GC\b/.exec(top);
  const young = full ? null : /^GC(?=$|[\s(-])/.exec(top);
  if (!full && !young) return null;
  const afterName = top.slice(full ? 7 : 2).replace(/^--/, '');
  const { groups } = splitParenthesised(`x${afterName.trimStart().startsWith('(') ? afterName : ''}`);
  const cause = groups[0] ?? null;
  if (full) return { kind: 'full', generation: 'both', cause };
  if (labels.some((l) => /CMS-initial-mark$/.test(l))) return { kind: 'initial-mark', generation: null, cause };
  if (labels.some((l) => /CMS-remark$|^YG occupancy$/.test(l))) return { kind: 'remark', generation: null, cause };
  return { kind: 'young', generation: 'young', cause };
}

/**
 * Reads one record and the GC records nested in it (one level: real logs nest no deeper, and a hostile
 * file cannot make this recurse); returns false when it looked like a GC event but could not be read.
 */
function readRecord(stamps: Stamps, body: string, line: number, ctx: Context, outer = true): boolean {
  const { top, labels, nested } = splitRecord(body);
  for (const label of labels) {
    const space = collectorFromSpace(label);
    // CMS may pair its old generation with the serial young one ("DefNew" + "CMS", JDK 5/6): CMS names it.
    if (space === 'CMS' || /CMS-(initial-mark|remark)$/.test(label)) ctx.collector = 'CMS';
    else ctx.collector ??= space;
  }

  // Shenandoah (JDK 8): "Pause Init Mark (process weakrefs), 3.341 ms", "Concurrent cleanup 1907M->…, 0.077 ms".
  const shenandoah = /^(Pause|Concurrent) (.*)$/.exec(top);
  if (shenandoah) {
    if (top.endsWith(', start')) return true;
    const time = trailingTime(top, null);
    const timeMs = timeOf(stamps, ctx);
    if (time === null || timeMs === null) return false;
    const ns = time.ns;
    // "Init Mark (process weakrefs)" from "Pause Init Mark (process weakrefs), 3.341 ms", without a heap token.
    let words = top.slice((shenandoah[1] as string).length + 1, time.index).replace(/,\s*$/, '');
    const space = words.lastIndexOf(' ');
    if (words.slice(space + 1).includes('->')) words = words.slice(0, Math.max(0, space));
    const event = emptyEvent(startBefore(timeMs, ns));
    setHeap(event, top, false);
    if (shenandoah[1] === 'Pause') {
      const { base, groups } = splitParenthesised(words);
      Object.assign(event, jvmPauseName(base, groups, null), { pauseNs: ns });
      ctx.collector ??= collectorFromPause(event.kind, event.cause);
    } else {
      event.kind = jvmConcurrentKind(words);
      event.durationNs = ns;
    }
    ctx.events.add(event);
    return true;
  }

  const name = pauseName(top, labels);
  if (name === null) return true; // not a GC record (G1 ergonomics, a stray bracketed line)
  const time = trailingTime(top, null);
  const timeMs = timeOf(stamps, ctx);
  if (time === null || timeMs === null) return false;
  const event: GcEvent = { ...emptyEvent(timeMs), ...name, pauseNs: time.ns };
  const g1Pause = top.startsWith('GC pause');
  const hasHeap = setHeap(event, top, name.kind === 'initial-mark' || name.kind === 'remark');
  ctx.collector ??= g1Pause ? 'G1' : collectorFromPause(event.kind, event.cause);
  ctx.events.add(event);
  // G1 with PrintGCDetails prints the heap in the detail block after the record.
  ctx.awaitingHeap = !hasHeap && (g1Pause || name.kind === 'full') ? event : null;

  for (const inner of outer ? nested : []) {
    const before = ctx.events.events.length;
    const innerStamps = inner.stamps.uptimeText !== null || inner.stamps.dateText !== null ? inner.stamps : stamps;
    if (!readRecord(innerStamps, inner.body, line, ctx, false)) {
      ctx.events.skip(line, inner.body);
      continue;
    }
    // The nested collection ran inside this pause: this event keeps only its own part.
    for (const added of ctx.events.events.slice(before)) {
      if (event.pauseNs >= added.pauseNs) event.pauseNs -= added.pauseNs;
    }
  }
  return true;
}

/** A concurrent record; G1 JDK 6 prints "[GC concurrent-count-end, 0.0019007]" without a unit: seconds, like its other phases. */
function readConcurrent(stamps: Stamps, body: string, ctx: Context): void {
  // G1: "GC concurrent-mark-end, 0.0126670 sec", "GC concurrent-string-deduplication, 31.4K->…, 0.0009 secs".
  // CMS: "CMS-concurrent-mark: 0.042/0.042 secs" (CPU/wall).
  const g1 = /^GC concurrent-([a-z-]+?)(?:-end)?,/.exec(body);
  const cms = /^CMS-concurrent-([a-z-]+): [0-9.,]+\/([0-9.,]+) secs?$/.exec(body);
  const name = g1?.[1] ?? cms?.[1];
  if (name === undefined) return; // -start, -abort, -reset-for-overflow
  const ns = cms ? durationNs(cms[2] as string, 'secs') : (trailingTime(body, 'secs')?.ns ?? null);
  const timeMs = timeOf(stamps, ctx);
  if (ns === null || timeMs === null) return;
  ctx.events.add({ ...emptyEvent(startBefore(timeMs, ns)), kind: `concurrent-${name}`, durationNs: ns });
}

export function importJvmLegacy(text: string, limits: ImportLimits): GcLog {
  const ctx: Context = {
    events: new GcEventCollector(limits),
    firstDateMs: null,
    startTimeMs: null,
    collector: null,
    awaitingHeap: null,
  };
  let flagsCollector: string | null = null;
  for (const item of legacyItems(text)) {
    switch (item.type) {
      case 'record': {
        const awaiting = ctx.awaitingHeap;
        ctx.awaitingHeap = null;
        if (!readRecord(item.stamps, item.body, item.line, ctx)) {
          ctx.events.skip(item.line, item.body);
          ctx.awaitingHeap = awaiting;
        }
        break;
      }
      case 'concurrent':
        readConcurrent(item.stamps, item.body, ctx);
        break;
      case 'unclosed':
        ctx.events.skip(item.line, item.text);
        break;
      case 'detail': {
        const heap = ctx.awaitingHeap === null ? null : G1_DETAIL_HEAP.exec(item.text);
        if (heap && ctx.awaitingHeap) {
          const transition = parseHeapTransition(heap[1] as string);
          if (transition) {
            ctx.awaitingHeap.heapBeforeBytes = transition.beforeBytes;
            ctx.awaitingHeap.heapAfterBytes = transition.afterBytes;
            ctx.awaitingHeap.heapCapacityBytes = transition.capacityBytes;
          }
          ctx.awaitingHeap = null;
        }
        if (flagsCollector === null && item.text.startsWith('CommandLine flags: ')) {
          flagsCollector = collectorFromFlags(item.text);
        }
        break;
      }
    }
  }
  const log = ctx.events.build(
    'jvm-legacy',
    flagsCollector ?? ctx.collector,
    ctx.startTimeMs ?? ctx.firstDateMs,
    'pre-JDK 9 GC log',
    ' (records need -XX:+PrintGCTimeStamps or -XX:+PrintGCDateStamps to be placed in time)',
  );
  return log;
}
