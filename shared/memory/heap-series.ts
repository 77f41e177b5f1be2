/**
 * Heap in use per allocation site, per capture: the series the leak ranking and the allocation timeline are made of.
 *
 * A heap profile's sample is the memory still live that one stack allocated; the site is the leaf frame, the function
 * that asked for the memory. When the leaf is inside the runtime — a Go function `runtime.…` (runtime.makeslice,
 * runtime.mapassign's bucket growth, runtime.malg) or a V8 pseudo-frame `(…)` ("(V8 API)", "(root)") — the bytes are
 * charged to its nearest caller outside the runtime: `make(map…)` growing inside runtime.hashGrow is the map owner's
 * memory, not the runtime's. A stack made only of runtime frames keeps its leaf. This is narrower than own-code.ts's
 * isOwnCode: the standard library (container/list, bufio) stays its own site, since which library call allocates is
 * what the user reads in a pprof `-top` too.
 */
import { ROOT_NODE, totalValue, type WeightedStacks } from '../query/weighted-stacks';

/** Go's runtime package, and V8's pseudo-frames such as "(garbage collector)" and "(V8 API)". */
export function isRuntimeFrame(name: string): boolean {
  return name.startsWith('runtime.') || (name.startsWith('(') && name.endsWith(')'));
}

export interface SiteValue {
  function: string;
  file: string;
  value: number;
}

/** The key of a function in the series: its name and file. */
export const siteKey = (name: string, file: string): string => `${name}\0${file}`;

/** Whether a frame's bytes are charged to its caller: (name, file) of the frame. */
export type ChargedToCaller = (name: string, file: string) => boolean;

/**
 * JFR allocation samples end in the allocated class (`byte[]`, a frame without a file: method frames carry their
 * class as the file, shared/import/jfr/allocations.ts); the site is the method that allocated it.
 */
export const jfrClassLeaf: ChargedToCaller = (name, file) => file === '' || isRuntimeFrame(name);

/** One capture's heap per allocation site (keyed by siteKey), runtime leaves charged to their callers. */
export function allocationSites(
  stacks: WeightedStacks,
  chargedToCaller: ChargedToCaller = isRuntimeFrame,
): Map<string, SiteValue> {
  const { parent, func, value, functionNames, functionFiles } = stacks;
  const count = parent.length;
  // Per node: the nearest function at or above it that is not the runtime's (-1: none). Parents come first.
  const nearest = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const f = func[n] as number;
    const p = parent[n] as number;
    nearest[n] = chargedToCaller(functionNames[f] ?? '', functionFiles[f] ?? '')
      ? p === ROOT_NODE
        ? -1
        : (nearest[p] as number)
      : f;
  }
  const sites = new Map<string, SiteValue>();
  for (let n = 0; n < count; n++) {
    const v = value[n] as number;
    if (v === 0) continue;
    const own = nearest[n] as number;
    const f = own >= 0 ? own : (func[n] as number);
    const name = functionNames[f] ?? '';
    const file = functionFiles[f] ?? '';
    const key = siteKey(name, file);
    const site = sites.get(key);
    if (site === undefined) sites.set(key, { function: name, file, value: v });
    else site.value += v;
  }
  return sites;
}

export interface SiteSeries {
  function: string;
  file: string;
  /** Per capture, in the order given (0 where the capture has none of it). */
  values: number[];
  peak: number;
}

export interface HeapSeries {
  sites: SiteSeries[];
  /** Per capture: everything it holds (runtime-only stacks and empty stacks included). */
  totals: number[];
}

/** The series of every site over captures, each capture's sites and total given (allocationSites, totalValue). */
export function seriesOfSites(captures: readonly { sites: Map<string, SiteValue>; total: number }[]): HeapSeries {
  const byKey = new Map<string, SiteSeries>();
  captures.forEach(({ sites }, i) => {
    for (const [key, site] of sites) {
      let series = byKey.get(key);
      if (series === undefined) {
        series = {
          function: site.function,
          file: site.file,
          values: new Array<number>(captures.length).fill(0),
          peak: 0,
        };
        byKey.set(key, series);
      }
      series.values[i] = site.value;
    }
  });
  for (const series of byKey.values()) series.peak = Math.max(...series.values);
  return { sites: [...byKey.values()], totals: captures.map((c) => c.total) };
}

/** A capture's stacks as its sites and total. */
export function captureSites(
  stacks: WeightedStacks,
  chargedToCaller: ChargedToCaller = isRuntimeFrame,
): { sites: Map<string, SiteValue>; total: number } {
  return { sites: allocationSites(stacks, chargedToCaller), total: totalValue(stacks) };
}
