import { describe, expect, it } from 'vitest';
import { clickPick, groupSidebar, matchesFilter, shownOrder, type SidebarItem } from './sidebarModel';

const item = (
  id: number,
  service: string | null,
  kind: SidebarItem['kind'],
  at: number | null,
  labels = {},
): SidebarItem => ({
  id,
  name: `file-${id}.pb.gz`,
  service,
  kind,
  capturedAtMs: at,
  labels,
});

const ITEMS: SidebarItem[] = [
  item(1, 'checkout', 'cpu', 3000, { version: '2' }),
  item(2, 'api', 'heap', 1000),
  item(3, null, 'gc-log', 500),
  item(4, 'checkout', 'heap', 1000, { version: '1' }),
  item(5, 'checkout', 'cpu', null),
  item(6, 'api', 'cpu', 1000),
];

describe('groupSidebar', () => {
  it('groups by service by name, no service last, captures by start then id, unplaced last', () => {
    const groups = groupSidebar(ITEMS, '');
    expect(groups.map((g) => [g.service, g.shown.map((i) => i.id)])).toEqual([
      ['api', [2, 6]],
      ['checkout', [4, 1, 5]],
      [null, [3]],
    ]);
    expect(shownOrder(groups)).toEqual([2, 6, 4, 1, 5, 3]);
  });

  it('filters by every term over name, service, kind, kind label and labels; drops emptied groups', () => {
    expect(groupSidebar(ITEMS, 'CPU').map((g) => [g.service, g.shown.map((i) => i.id)])).toEqual([
      ['api', [6]],
      ['checkout', [1, 5]],
    ]);
    expect(groupSidebar(ITEMS, 'checkout version=1').map((g) => g.shown.map((i) => i.id))).toEqual([[4]]);
    expect(groupSidebar(ITEMS, 'heap in use').map((g) => g.shown.map((i) => i.id))).toEqual([[2], [4]]);
    expect(groupSidebar(ITEMS, 'gc log').map((g) => [g.service, g.shown.map((i) => i.id)])).toEqual([[null, [3]]]);
    expect(groupSidebar(ITEMS, 'nothing-like-this')).toEqual([]);
    // The whole service stays the group's `all`, whatever the filter shows.
    expect(groupSidebar(ITEMS, 'version=2')[0]?.all.map((i) => i.id)).toEqual([4, 1, 5]);
  });

  it('matches a service name on every capture of it, and the empty filter on everything', () => {
    expect(ITEMS.filter((i) => matchesFilter(i, '  api ')).map((i) => i.id)).toEqual([2, 6]);
    expect(ITEMS.every((i) => matchesFilter(i, '   '))).toBe(true);
  });
});

describe('clickPick', () => {
  const order = [2, 6, 4, 1, 5, 3];
  const none = { ids: [], anchor: null };
  const plain = { toggle: false, range: false };
  const ctrl = { toggle: true, range: false };
  const shift = { toggle: false, range: true };

  it('plain click picks only that capture and anchors there', () => {
    expect(clickPick({ ids: [2, 6], anchor: 2 }, 4, plain, order)).toEqual({ ids: [4], anchor: 4 });
  });

  it('ctrl-click toggles one capture in or out, kept in shown order', () => {
    const a = clickPick(none, 1, ctrl, order);
    const b = clickPick(a, 6, ctrl, order);
    expect(b).toEqual({ ids: [6, 1], anchor: 6 });
    expect(clickPick(b, 1, ctrl, order)).toEqual({ ids: [6], anchor: 1 });
  });

  it('shift-click takes the shown range from the anchor, either way; ctrl+shift adds it', () => {
    const a = clickPick(none, 6, plain, order);
    expect(clickPick(a, 5, shift, order)).toEqual({ ids: [6, 4, 1, 5], anchor: 6 });
    expect(clickPick({ ids: [1], anchor: 1 }, 2, shift, order)).toEqual({ ids: [2, 6, 4, 1], anchor: 1 });
    expect(clickPick({ ids: [3], anchor: 4 }, 1, { toggle: true, range: true }, order)).toEqual({
      ids: [4, 1, 3],
      anchor: 4,
    });
  });

  it('shift-click with no anchor (or one filtered out of view) picks just that capture', () => {
    expect(clickPick(none, 4, shift, order)).toEqual({ ids: [4], anchor: 4 });
    expect(clickPick({ ids: [99], anchor: 99 }, 4, shift, order)).toEqual({ ids: [4], anchor: 4 });
  });
});
