/**
 * What "restrict to samples with a label value" means. pprof samples carry
 * labels (profile.proto Sample.label): a key with a string value, or with a
 * number in a unit (`bytes`, …). A label filter names a key and a value as
 * text; a sample passes when, for every key the filters name, one of its
 * labels with that key equals one of the values named for it — filters on one
 * key OR together, on different keys AND together, as a search UI reads
 * `endpoint=/a, endpoint=/b, worker=1`. A sample without labels passes none.
 *
 * Equality is exact (pprof's -tagfocus is an unanchored regexp: `^/a$` there
 * is `/a` here). A string label equals the same text; a numeric label equals
 * a value that reads as the same number, in the label's own unit (`bytes=16`
 * is 16 bytes; `bytes=16B` reads as no number and matches no numeric label).
 */

export interface LabelFilter {
  key: string;
  value: string;
}

/** One label of a sample: `str` for a string label, otherwise `num` (pprof NumLabel). */
export interface SampleLabel {
  key: string;
  str: string | null;
  num: number | null;
}

/** A decimal number as JavaScript prints one (`12`, `-0.5`, `1e+21`); anything else is not a number here. */
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

export function parseLabelNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A label's value as a filter names it; parseLabelNumber reads a numeric one back to the same number. */
export function labelValueText(label: Pick<SampleLabel, 'str' | 'num'>): string {
  return label.str ?? String(label.num ?? 0);
}

/** Sorted by key, then value, without duplicates: equal filter sets give equal lists. */
export function normalizeLabelFilters(filters: readonly LabelFilter[]): LabelFilter[] {
  const sorted = filters
    .map(({ key, value }) => ({ key, value }))
    .sort((a, b) => compare(a.key, b.key) || compare(a.value, b.value));
  return sorted.filter((f, i) => i === 0 || f.key !== sorted[i - 1]?.key || f.value !== sorted[i - 1]?.value);
}

/** What the filters ask of one key: a label with that key and one of these texts, or one of these numbers. */
export interface LabelKeyCondition {
  key: string;
  /** Values a string label may have. */
  strings: string[];
  /** Values a numeric label may have: the filter values that read as numbers (parseLabelNumber). */
  numbers: number[];
}

/**
 * The filters as one condition per key, in key order: a sample passes when
 * it meets every condition (keys AND), and meets a condition when one of its
 * labels with that key has one of its values (values OR).
 */
export function labelKeyConditions(filters: readonly LabelFilter[]): LabelKeyCondition[] {
  const byKey = new Map<string, LabelKeyCondition>();
  for (const { key, value } of normalizeLabelFilters(filters)) {
    let condition = byKey.get(key);
    if (!condition) byKey.set(key, (condition = { key, strings: [], numbers: [] }));
    condition.strings.push(value);
    const number = parseLabelNumber(value);
    if (number !== null && !condition.numbers.includes(number)) condition.numbers.push(number);
  }
  return [...byKey.values()];
}

/** Whether a sample with these labels passes the conditions (the store asks SQLite the same question). */
export function labelsMeet(labels: readonly SampleLabel[], conditions: readonly LabelKeyCondition[]): boolean {
  return conditions.every((condition) =>
    labels.some(
      (label) =>
        label.key === condition.key &&
        (label.str !== null
          ? condition.strings.includes(label.str)
          : label.num !== null && condition.numbers.includes(label.num)),
    ),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
