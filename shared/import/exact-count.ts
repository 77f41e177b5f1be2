/**
 * Counts Kiln stores exactly: sample values and their totals are doubles (in memory and in SQLite's REAL columns),
 * exact for integers up to 2^53 − 1. A larger count would be stored rounded, silently, so the file is refused.
 */
import { ImportFailure } from './errors';

/** 2^53 − 1, the largest integer a double holds exactly (and every smaller one). */
export const MAX_EXACT_COUNT = Number.MAX_SAFE_INTEGER;

/** The refusal for a count beyond MAX_EXACT_COUNT; `shown` is the count as the file states it, when known exactly. */
export function countTooLarge(what: string, shown: string): ImportFailure {
  return new ImportFailure(
    `${what} ${shown} is above 2^53 − 1 (${MAX_EXACT_COUNT}), the largest count Kiln stores exactly`,
  );
}

/** A value read as a double, shown as it was read: a double beyond 2^53 − 1 is already rounded, so "about". */
export function roundedCount(value: number): string {
  return `of about ${Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value)}`;
}
