/**
 * Brendan Gregg's folded stacks (stackcollapse-*.pl output, also written by
 * async-profiler, py-spy, inferno): one line per stack, frames root first
 * separated by ";", then a space and the sample count: `main;work;hash 12`.
 *
 * - The count is what follows the last space; frame names may contain spaces.
 * - Blank lines and lines starting with "#" are skipped silently.
 * - Other lines that do not parse are skipped and counted; the count and the
 *   first few such lines are kept in the profile's comments. A file with no
 *   valid line fails.
 * - Each line becomes one sample record (equal stacks on several lines stay
 *   several records, as in the file).
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile } from '../../profile/model';
import { fail } from '../errors';
import { countTooLarge, MAX_EXACT_COUNT } from '../exact-count';
import { checkLimit, type ImportLimits } from '../limits';

const COUNT = /^[0-9]+(?:\.[0-9]+)?$/;
const REPORTED_INVALID_LINES = 3;

/**
 * A folded line split into frame names (root first) and count, or null when
 * it is not one. Trailing empty frames ("a;b; 3", as stackcollapse-perf.pl
 * sometimes writes) are dropped, as flamegraph.pl's Perl split drops them; an
 * empty frame elsewhere makes the line invalid.
 */
export function parseFoldedLine(line: string): { frames: string[]; count: number } | null {
  const space = line.lastIndexOf(' ');
  if (space <= 0) return null;
  const countText = line.slice(space + 1);
  if (!COUNT.test(countText)) return null;
  const frames = line.slice(0, space).trimEnd().split(';');
  while (frames.length > 0 && frames[frames.length - 1] === '') frames.pop();
  if (frames.length === 0 || frames.includes('')) return null;
  return { frames, count: Number(countText) };
}

export function importCollapsed(text: string, limits: ImportLimits): Profile {
  const builder = new ProfileBuilder('collapsed', 'cpu', [{ type: 'samples', unit: 'count' }]);
  // Frame name -> stack-independent frame row; most names repeat on many lines.
  const frameOfName = new Map<string, number>();
  const frameOf = (name: string): number => {
    let frame = frameOfName.get(name);
    if (frame === undefined) {
      checkLimit('frame name length', name.length, limits, 'maxStringLength');
      frame = builder.internFrame({ func: builder.internFunction({ name }) });
      frameOfName.set(name, frame);
    }
    return frame;
  };

  const invalid: string[] = [];
  let invalidCount = 0;
  let lineNumber = 0;
  const value = [0];
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;

    const parsed = parseFoldedLine(line);
    if (!parsed) {
      invalidCount++;
      if (invalid.length < REPORTED_INVALID_LINES) invalid.push(`line ${lineNumber}: ${line.slice(0, 80)}`);
      continue;
    }
    // Number() of a count past 2^53 − 1 rounds it: refused with the count as written (a long one cut).
    if (parsed.count > MAX_EXACT_COUNT) {
      const written = line.slice(line.lastIndexOf(' ') + 1);
      throw countTooLarge(
        `line ${lineNumber}: sample count`,
        written.length > 40 ? `${written.slice(0, 40)}…` : written,
      );
    }
    checkLimit('stack depth', parsed.frames.length, limits, 'maxStackDepth');
    checkLimit('sample count', builder.sampleCount + 1, limits, 'maxSamples');
    let stack = -1;
    for (const name of parsed.frames) stack = builder.internStack(stack, frameOf(name));
    value[0] = parsed.count;
    builder.addSample(stack, value);
  }

  if (builder.sampleCount === 0) {
    const detail = invalidCount > 0 ? ` (${invalidCount} lines do not parse; first ${invalid[0] ?? ''})` : '';
    fail(`no "frame;frame;frame count" line in folded stacks${detail}`);
  }
  if (invalidCount > 0) {
    builder.comments.push(`skipped ${invalidCount} line(s) that are not "frame;frame count": ${invalid.join(' | ')}`);
  }
  return builder.build();
}
