/**
 * Callgrind profiles (valgrind --tool=callgrind, also written by xdebug,
 * php-spx and others; cachegrind's files are a subset) to the Kiln model
 * (format 'callgrind', kind 'cpu').
 *
 * - Sample types: one per event of the "events:" line (Ir, Dr, ...), unit
 *   "count"; the first event, callgrind's primary one, is the default.
 * - Stacks: approximated from the call graph (callgrind-tree.ts); each
 *   event's total equals the sum of the file's self costs, and a "summary:"
 *   or "totals:" line that disagrees is noted in the comments.
 * - Frames: one per function (name from fn=/cfn=, file from fl=, or the ELF
 *   object when the file is unknown); no line numbers.
 * - "cmd:" and "creator:" lines become comments.
 */
import { ProfileBuilder } from '../profile/builder';
import type { Profile } from '../profile/model';
import { parseCallgrind } from './callgrind-parse';
import { addCallTree } from './callgrind-tree';
import type { ImportLimits } from './limits';
import { LineReader } from './line-reader';

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
  const builder = new ProfileBuilder(
    'callgrind',
    'cpu',
    graph.events.map((type) => ({ type, unit: 'count' })),
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
  return builder.build();
}
