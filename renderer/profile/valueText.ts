/**
 * Values in the stacks views, in their unit or per second of it. A per-second tree (the window header's "per
 * second") carries its rate in its sample type's unit, "nanoseconds/s", so every view that formats the tree's values
 * (flame tooltip, call tree, top functions, sandwich) reads "125 ms/s" without being told separately; the CLI writes
 * `kiln top --per-second` the same way. CPU time per second is cores: 1 s/s is one core busy.
 */
import { formatValue } from '../../shared/format/units';
import type { ValueType } from '../../shared/profile/model';

const PER_SECOND = '/s';

/** `value` in `unit`; a unit ending in "/s" is formatted in its base unit, then "/s". */
export function formatViewValue(value: number, unit: string): string {
  return unit.endsWith(PER_SECOND)
    ? `${formatValue(value, unit.slice(0, -PER_SECOND.length))}${PER_SECOND}`
    : formatValue(value, unit);
}

/** The sample type of values divided by seconds: its unit gets "/s" (once). */
export function perSecondType(type: ValueType): ValueType {
  return type.unit.endsWith(PER_SECOND) ? type : { ...type, unit: `${type.unit}${PER_SECOND}` };
}

/** A tree (or anything with a sample type) as the views show it: per second when `scale` says so. */
export function shownPerScale<T extends { sampleType: ValueType }>(tree: T, scale: 'per-second' | undefined): T {
  return scale === 'per-second' ? { ...tree, sampleType: perSecondType(tree.sampleType) } : tree;
}
