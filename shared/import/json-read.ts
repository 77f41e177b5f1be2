/**
 * Defensive readers for already-parsed JSON (`unknown`), shared by the JSON
 * importers: every value is checked before use, and a bad one fails with a
 * reason that names where it was found, never with a TypeError.
 */
import { fail } from './errors';
import { checkLimit, type ImportLimits } from './limits';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A finite number, or a string that holds one: some trace writers (Hermes'
 * trace-event export among them) quote numbers. Null for anything else.
 */
export function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A string within the length limit; `fallback` when absent (undefined or null); fails on any other type. */
export function readString(value: unknown, what: string, limits: ImportLimits, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') return fail(`${what} is not a string`);
  checkLimit(`length of ${what}`, value.length, limits, 'maxStringLength');
  return value;
}

/** An array, or a failure naming the field. */
export function readArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) return fail(`${what} is not an array`);
  return value;
}

/** A positive integer (1-based line or column), else 0, the model's "unknown". */
export function positiveIntegerOrZero(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}
