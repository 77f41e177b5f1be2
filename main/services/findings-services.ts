/**
 * getFindings: asks the other views what they see in a selection and turns their answers into findings
 * (shared/memory/findings.ts). Each view is asked only when the selection holds what it reads: heap captures for
 * the leak ranking, GC logs for GC per window, two or more heap snapshots for their comparison, a base for the
 * comparison's suspects.
 */
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary, KilnServices } from '../../shared/ipc/contract';
import type { GcChange } from '../../shared/ipc/memory-contract';
import { findingsOf, type GcAllocationShift } from '../../shared/memory/findings';
import { NotFoundError } from './not-found';
import type { QueryServices } from './query-methods';

type Asked = Omit<QueryServices, 'getFindings'>;

/** Fewer heap captures than this cannot show growth against noise (shared/memory/growth.ts needs three). */
const MIN_HEAP_CAPTURES = 3;

export function findingsServices(services: Asked): Pick<KilnServices, 'getFindings'> {
  return {
    getFindings: async ({ selection, base }) => {
      const items = await services.listItems({ selection });
      if (items.length === 0) throw new NotFoundError('the selection holds no items (see kiln ls)');
      const count = (kind: ItemSummary['kind']) => items.filter((i) => i.kind === kind).length;
      const snapshots = items
        .filter((i) => i.kind === 'heap-snapshot')
        .sort((a, b) => (a.capturedAtMs ?? 0) - (b.capturedAtMs ?? 0) || a.id - b.id);

      const leaks =
        count('heap') >= MIN_HEAP_CAPTURES || snapshots.length >= MIN_HEAP_CAPTURES
          ? await orNull(() => services.getLeaks({ selection, limit: 100 }))
          : null;
      const gc = count('gc-log') > 0 ? await orNull(() => services.getGcWindows({ selection })) : null;
      const heapDiff =
        snapshots.length >= 2
          ? await orNull(() => services.getHeapDiff({ itemIds: snapshots.map((s) => s.id), limit: 50 }))
          : null;
      const change = gc?.changes.find((c) => c.measure === 'frequency') ?? gc?.changes[0];
      const gcAllocation = change ? await allocationShift(services, items, change) : null;
      const comparison = base ? await compare(services, base, selection, items) : null;
      return { findings: findingsOf({ selection, leaks, gc, gcAllocation, heapDiff, comparison }) };
    },
  };
}

/** A view that finds nothing to read in the selection adds no finding. */
async function orNull<T>(ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Allocation per second before and after a GC change, when the selection holds allocation profiles whose samples
 * carry times (JFR's allocation samples): the same captures cut at the change's instant.
 */
async function allocationShift(
  services: Asked,
  items: readonly ItemSummary[],
  change: GcChange,
): Promise<GcAllocationShift | null> {
  const allocations = items.filter((i) => i.kind === 'allocations' && i.capturedAtMs !== null);
  if (allocations.length === 0) return null;
  const start = Math.min(...allocations.map((i) => i.capturedAtMs as number));
  const end = Math.max(...allocations.map((i) => (i.capturedAtMs as number) + (i.durationNs ?? 0) / 1e6)) + 1;
  if (!(start < change.atMs && change.atMs < end)) return null;
  const ids = allocations.map((i) => i.id);
  const before: Selection = { items: ids, window: { startMs: start, endMs: change.atMs } };
  const after: Selection = { items: ids, window: { startMs: change.atMs, endMs: end } };
  const first = allocations[0] as ItemSummary;
  const diff = await orNull(() =>
    services.getDiff({
      base: before,
      target: after,
      sampleType: bytesType(first),
      mode: 'per-second',
      limit: 50,
    }),
  );
  return diff ? { change, diff } : null;
}

/** The allocated-bytes sample type when the item has one, else its default. */
function bytesType(item: ItemSummary): number {
  const bytes = item.sampleTypes.findIndex((t) => t.unit.toLowerCase() === 'bytes');
  return bytes >= 0 ? bytes : item.defaultSampleType;
}

async function compare(
  services: Asked,
  base: Selection,
  target: Selection,
  items: readonly ItemSummary[],
): Promise<{ base: Selection; diff: Awaited<ReturnType<Asked['getDiff']>> } | null> {
  const first = items.find((i) => i.sampleTypes.length > 0);
  if (!first) return null;
  const diff = await orNull(() => services.getDiff({ base, target, sampleType: first.defaultSampleType, limit: 50 }));
  return diff ? { base, diff } : null;
}
