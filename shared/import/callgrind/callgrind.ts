/**
 * Callgrind profiles (valgrind --tool=callgrind, also written by xdebug,
 * php-spx and others; cachegrind's files are a subset) to the Kiln model
 * (format 'callgrind', kind 'cpu').
 *
 * - Sample types: one per event of the "events:" line (Ir, Dr, ...), unit
 *   "count"; the first event, callgrind's primary one, is the default. An
 *   event named with its unit, as xdebug writes them ("Time_(10ns)",
 *   "Memory_(bytes)"), becomes that quantity: "Time" in nanoseconds (costs
 *   scaled: 820 units of 10 ns are 8,200 ns), "Memory" in bytes.
 * - Stacks: approximated from the call graph (callgrind-tree.ts); each
 *   event's total equals the sum of the file's self costs, and a "summary:"
 *   or "totals:" line that disagrees is noted in the comments.
 * - Frames: one per function (name from fn=/cfn=, file from fl=, or the ELF
 *   object when the file is unknown); no line numbers.
 * - "cmd:" and "creator:" lines become comments; the program of "cmd:" is the
 *   service, the creator a label.
 */
import { baseName, captureTags, type CaptureTags } from '../../capture/capture';
import { ProfileBuilder } from '../../profile/builder';
import type { Profile } from '../../profile/model';
import { parseCallgrind, type CallGraph } from './parse';
import { addCallTree } from './tree';
import type { ImportLimits } from '../limits';
import { LineReader } from '../line-reader';

const LINES_TO_SNIFF = 50;
const BODY_LINE = /^(?:fl|fi|fe|fn|ob|cfn|cfi|cfl|cob)=/;

/**
 * Whether a text's start is a callgrind profile: it begins with
 * "# callgrind format" (the marker the format specification recommends,
 * written since valgrind 3.13), or, within its first 50 lines, has an
 * "events:" line at the start of a line (what KCachegrind looks for) and a
 * fl=/fn=/ob= position line.
 */
export function looksLikeCallgrind(textStart: string): boolean {
  const reader = new LineReader(textStart);
  let events = false;
  let body = false;
  for (let line = reader.next(); line !== null && reader.lineNumber <= LINES_TO_SNIFF; line = reader.next()) {
    if (reader.lineNumber === 1 && line.trim() === '# callgrind format') return true;
    if (/^events:\s*\S/.test(line)) events = true;
    else if (events && BODY_LINE.test(line)) body = true;
    if (events && body) return true;
  }
  return false;
}

export function importCallgrind(text: string, limits: ImportLimits): Profile {
  const graph = parseCallgrind(new LineReader(text), limits);
  const events = graph.events.map(eventType);
  scaleCosts(
    graph,
    events.map((e) => e.scale),
  );
  const builder = new ProfileBuilder(
    'callgrind',
    'cpu',
    events.map(({ type, unit }) => ({ type, unit })),
  );
  builder.defaultSampleType = 0;
  builder.comments.push(...graph.comments);
  const frames = graph.functions.map((f) =>
    builder.internFrame({ func: builder.internFunction({ name: f.name, file: f.file }) }),
  );
  const cut = addCallTree(graph, frames, builder, limits);
  const total = graph.self.reduce((sum, self) => sum + (self[0] as number), 0);
  if (cut.nodes > 0) {
    const share = total > 0 ? ((100 * cut.cost) / total).toPrecision(2) : '0';
    builder.comments.push(
      `call tree cut short at ${cut.nodes} node(s) holding ${share}% of ${graph.events[0] as string} ` +
        '(stack depth, node budget or below 1/100,000 of the total); self costs per function stay exact',
    );
  }

  const sums = graph.events.map(() => 0);
  for (const self of graph.self) self.forEach((v, e) => (sums[e] = (sums[e] as number) + v));
  const stated = graph.statedTotals;
  if (stated && stated.some((v, e) => e < sums.length && v !== sums[e])) {
    builder.comments.push(`the file states totals ${stated.join(' ')}; its cost lines add up to ${sums.join(' ')}`);
  }
  return { ...builder.build(), capture: callgrindCapture(graph.comments) };
}

/** The program a "cmd:" line names is the service ("cmd: ./shapes --big" → "shapes"), "creator:" a label. */
function callgrindCapture(comments: string[]): CaptureTags {
  const value = (key: string): string | undefined =>
    comments.find((c) => c.startsWith(`${key}: `))?.slice(key.length + 2);
  const program = value('cmd')?.trim().split(/\s+/)[0];
  return captureTags(program ? baseName(program) : null, { creator: value('creator') });
}

/** xdebug's "Name_(unit)" events: time units become nanoseconds, with the factor to scale costs by. */
const EVENT_WITH_UNIT = /^(.+)_\((\d*)(ns|us|µs|ms|s|bytes|B)\)$/;
const NANOSECONDS_PER: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };

function eventType(event: string): { type: string; unit: string; scale: number } {
  const m = EVENT_WITH_UNIT.exec(event);
  if (!m) return { type: event, unit: 'count', scale: 1 };
  const [, name, count, unit] = m as unknown as [string, string, string, string];
  const times = count === '' ? 1 : Number(count);
  const perNs = NANOSECONDS_PER[unit];
  if (perNs !== undefined) return { type: name, unit: 'nanoseconds', scale: times * perNs };
  return { type: name, unit: 'bytes', scale: times };
}

/** Costs in the events' own units (10 ns) become the sample types' (ns). */
function scaleCosts(graph: CallGraph, scales: number[]): void {
  if (scales.every((s) => s === 1)) return;
  const scale = (costs: number[]): void => costs.forEach((v, e) => (costs[e] = v * (scales[e] ?? 1)));
  graph.self.forEach(scale);
  for (const calls of graph.calls) for (const call of calls) scale(call.cost);
  if (graph.statedTotals) scale(graph.statedTotals);
}
