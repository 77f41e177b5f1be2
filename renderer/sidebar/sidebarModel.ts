/**
 * The sidebar's pure logic: captures grouped by service, filtered by text, and the click / ctrl-click /
 * shift-click selection over what is shown. Pure so it is unit-tested without a DOM.
 */
import type { ItemKind } from '../../shared/ipc/contract';
import { kindLabel } from '../app/itemKinds';

/** What the sidebar needs of a catalogue item. */
export interface SidebarItem {
  id: number;
  name: string;
  service: string | null;
  kind: ItemKind;
  capturedAtMs: number | null;
  labels: Readonly<Record<string, string>>;
}

export interface SidebarGroup<T extends SidebarItem = SidebarItem> {
  /** Null for captures that name no service. */
  service: string | null;
  /** Every capture of the service (the filter does not change what "the whole service" means). */
  all: T[];
  /** The captures the filter lets through, in the order shown. */
  shown: T[];
}

/** Lower-case terms of a filter text; every term must match some field of a capture. */
function terms(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

function haystack(item: SidebarItem): string {
  const labels = Object.entries(item.labels).map(([k, v]) => `${k}=${v}`);
  return [item.name, item.service ?? '', item.kind, kindLabel(item.kind), ...labels].join('\n').toLowerCase();
}

export function matchesFilter(item: SidebarItem, filter: string): boolean {
  const wanted = terms(filter);
  if (wanted.length === 0) return true;
  const text = haystack(item);
  return wanted.every((term) => text.includes(term));
}

/** Captures by start (unplaced last), then id: the order a timeline reads them in. */
function byStart(a: SidebarItem, b: SidebarItem): number {
  const at = a.capturedAtMs ?? Number.POSITIVE_INFINITY;
  const bt = b.capturedAtMs ?? Number.POSITIVE_INFINITY;
  return at === bt ? a.id - b.id : at - bt;
}

/**
 * Groups by service, services by name with "no service" last; a group whose captures the filter all hides is
 * left out, unless the filter names the service itself (then all its captures show).
 */
export function groupSidebar<T extends SidebarItem>(items: readonly T[], filter: string): SidebarGroup<T>[] {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const list = groups.get(item.service);
    if (list) list.push(item);
    else groups.set(item.service, [item]);
  }
  const services = [...groups.keys()].sort((a, b) => {
    if (a === null) return b === null ? 0 : 1;
    if (b === null) return -1;
    return a.localeCompare(b);
  });
  const result: SidebarGroup<T>[] = [];
  for (const service of services) {
    const all = (groups.get(service) ?? []).slice().sort(byStart);
    const shown = all.filter((item) => matchesFilter(item, filter));
    if (shown.length > 0) result.push({ service, all, shown });
  }
  return result;
}

/** The ids in the order the sidebar shows them: what a shift-click range runs over. */
export function shownOrder(groups: readonly SidebarGroup[]): number[] {
  return groups.flatMap((g) => g.shown.map((item) => item.id));
}

export interface ClickModifiers {
  /** Ctrl (or ⌘): toggle one capture. */
  toggle: boolean;
  /** Shift: the range from the anchor. */
  range: boolean;
}

export interface SidebarPick {
  ids: number[];
  /** Where the next shift-click range starts. */
  anchor: number | null;
}

/**
 * The selection after a click on `id`: plain → only it; ctrl → toggled in or out; shift → the shown range from
 * the anchor to it (ctrl+shift adds that range). Ids come back in shown order, so a selection reads the same
 * whichever way it was made.
 */
export function clickPick(
  current: SidebarPick,
  id: number,
  mods: ClickModifiers,
  order: readonly number[],
): SidebarPick {
  const position = new Map(order.map((value, index) => [value, index]));
  const sorted = (ids: Iterable<number>): number[] =>
    [...new Set(ids)].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || a - b);
  const anchorAt = current.anchor === null ? undefined : position.get(current.anchor);
  const at = position.get(id);
  if (mods.range && anchorAt !== undefined && at !== undefined) {
    const [from, to] = anchorAt <= at ? [anchorAt, at] : [at, anchorAt];
    const range = order.slice(from, to + 1);
    return { ids: sorted(mods.toggle ? [...current.ids, ...range] : range), anchor: current.anchor };
  }
  if (mods.toggle) {
    const has = current.ids.includes(id);
    return { ids: sorted(has ? current.ids.filter((x) => x !== id) : [...current.ids, id]), anchor: id };
  }
  return { ids: [id], anchor: id };
}
