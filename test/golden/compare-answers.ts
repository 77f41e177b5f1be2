/**
 * Differences between recorded answers (test/golden/query-answers.json) and the current tree's, as readable
 * lines: which item, sample type and query, and what changed. Numbers compare with a relative tolerance, so a
 * different summation order is not a difference; a query that failed then and fails now is equal whatever its
 * message says.
 */
import type { TopRow } from './record-answers';

const RELATIVE_TOLERANCE = 1e-9;
/** Answers whose objects come from the contract as they are; every other object is the recorder's own. */
const OPEN_RECORDS = new Set(['gc', 'heap', 'gcSummary']);

export function sameNumber(a: number, b: number): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

const show = (value: unknown): string => JSON.stringify(value)?.slice(0, 300) ?? 'undefined';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFailed = (value: unknown): value is { error: string } => isRecord(value) && typeof value.error === 'string';

/** Every difference between `expected` and `actual`, each prefixed by where it is (`item "x" › cpu/ns › top`). */
export function diffAnswers(expected: unknown, actual: unknown, path: string[] = []): string[] {
  const at = path.join(' › ') || '(file)';
  if (isFailed(expected) || isFailed(actual)) {
    if (isFailed(expected) && isFailed(actual)) return [];
    return isFailed(expected)
      ? [`${at}: failed before (${expected.error}), now answers ${show(actual)}`]
      : [`${at}: answered ${show(expected)} before, now fails: ${(actual as { error: string }).error}`];
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    return sameNumber(expected, actual) ? [] : [`${at}: expected ${expected}, got ${actual}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (path[path.length - 1] === 'rows') return diffRows(at, expected as TopRow[], actual as TopRow[]);
    if (path[path.length - 1] === 'sampleTypes' && isRecord(expected[0])) {
      const out: string[] = [];
      if (expected.length !== actual.length)
        out.push(`${at}: expected ${expected.length} sample types, got ${actual.length}`);
      expected.forEach((e, i) => {
        const name = isRecord(e) && typeof e.sampleType === 'string' ? e.sampleType : `#${i}`;
        if (i < actual.length) out.push(...diffAnswers(e, actual[i], [...path.slice(0, -1), name]));
      });
      return out;
    }
    if (expected.length !== actual.length || expected.some((e, i) => diffAnswers(e, actual[i]).length > 0)) {
      return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
    }
    return [];
  }
  if (isRecord(expected) && isRecord(actual)) {
    const out: string[] = [];
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) out.push(`${[...path, key].join(' › ')}: missing now (was ${show(expected[key])})`);
      else out.push(...diffAnswers(expected[key], actual[key], [...path, key]));
    }
    // The catalogue's GC and heap totals may gain fields (e.g. the live heap): an addition there is no change.
    if (path.some((segment) => OPEN_RECORDS.has(segment))) return out;
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) out.push(`${[...path, key].join(' › ')}: new (${show(actual[key])})`);
    }
    return out;
  }
  return expected === actual ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Top-function rows: the first row that differs and the two after it, before and now. */
function diffRows(at: string, expected: TopRow[], actual: TopRow[]): string[] {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    const e = expected[i];
    const a = actual[i];
    const same =
      e !== undefined &&
      a !== undefined &&
      e[0] === a[0] &&
      e[1] === a[1] &&
      sameNumber(e[2], a[2]) &&
      sameNumber(e[3], a[3]);
    if (!same) {
      const rows = (list: TopRow[]): string =>
        list
          .slice(i, i + 3)
          .map((r) => show(r))
          .join(', ') || '(none)';
      return [`${at}: row ${i + 1} differs; before: ${rows(expected)}; now: ${rows(actual)}`];
    }
  }
  return [];
}
