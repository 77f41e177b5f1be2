/**
 * `kiln heap-diff SNAPSHOT... [--limit N] [--json]`: two or more heap snapshots of one process compared per class
 * (getHeapDiff, shared/heap/snapshot-diff.ts), the classes that grew most first, and for the top grower the tree of
 * retainers that holds its new instances.
 *
 * A SNAPSHOT is an item id, or a selection (`3-5`, `node-leak`, `node-leak@START/END`) that stands for its heap
 * snapshots in time order (their capture start, then id); other items in it are passed over.
 */
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import type { KilnServices } from '../../shared/ipc/contract';
import type { HeapDiff, RetainerTreeNode } from '../../shared/ipc/memory-contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import type { MemoryOptions } from './memory-options';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';
import { limitOf, selectionOf } from './arguments';

export async function heapDiffCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: MemoryOptions,
  io: Output,
): Promise<number> {
  if (positionals.length === 0) {
    throw new UsageError('heap-diff needs two or more heap snapshots: item ids (3 5 9) or a selection (3-9, SERVICE)');
  }
  const limit = limitOf(options.limit, 20);
  const itemIds: number[] = [];
  for (const text of positionals) {
    const ids = await snapshotsOf(services, text);
    if (ids.length === 0) {
      io.err(escapeControls(`error: ${text} holds no heap snapshots (see kiln ls)`));
      return 1;
    }
    itemIds.push(...ids);
  }
  if (itemIds.length < 2) {
    throw new UsageError(
      `heap-diff needs two or more heap snapshots; ${positionals.join(' ')} names ${itemIds.length}`,
    );
  }
  let args;
  try {
    args = validateArgs('getHeapDiff', { itemIds, limit });
  } catch (error) {
    if (error instanceof ContractError) throw new UsageError(error.message);
    throw error;
  }
  const diff = await services.getHeapDiff(args);
  if (options.json) io.out(jsonWithoutControls(diff));
  else printDiff(diff, io);
  return 0;
}

/** An id as it is (the service says when it is no heap snapshot); a selection's heap snapshots in time order. */
async function snapshotsOf(services: KilnServices, text: string): Promise<number[]> {
  if (/^\d+$/.test(text)) return [Number(text)];
  const items = (await services.listItems({ selection: selectionOf(text) })).filter(
    (item) => item.kind === 'heap-snapshot',
  );
  const at = (ms: number | null): number => ms ?? Number.POSITIVE_INFINITY;
  items.sort((a, b) => at(a.capturedAtMs) - at(b.capturedAtMs) || a.id - b.id);
  return items.map((item) => item.id);
}

function printDiff(diff: HeapDiff, io: Output): void {
  const last = diff.snapshots.length - 1;
  const bytes = (v: number): string => formatValue(v, 'bytes');
  const signed = (v: number, text: string): string => (v > 0 ? `+${text}` : text);
  io.out(
    `snapshots: ${diff.snapshots.map((s) => s.itemId).join(' → ')} ` +
      `(${diff.snapshots.map((s) => bytes(s.selfSize)).join(' → ')})`,
  );
  io.out(
    formatTable(
      ['CLASS', 'COUNTS', 'ΔCOUNT', 'NEW', 'GONE', 'RETAINED', 'ΔRETAINED'],
      diff.rows.map((r) => {
        const deltaCount = (r.counts[last] as number) - (r.counts[0] as number);
        const deltaRetained = (r.retained[last] as number) - (r.retained[0] as number);
        return [
          r.class,
          r.counts.map((c) => formatValue(c, 'count')).join(' → '),
          signed(deltaCount, formatValue(deltaCount, 'count')),
          formatValue(r.added, 'count'),
          formatValue(r.removed, 'count'),
          bytes(r.retained[last] as number),
          signed(deltaRetained, bytes(deltaRetained)),
        ];
      }),
      new Set([2, 3, 4, 5, 6]),
    ),
  );
  const top = diff.paths[0];
  if (top === undefined) {
    io.out('no class has new instances in the last snapshot');
    return;
  }
  const walkedCount = top.walked ?? top.instances;
  const unreachable = top.unreachable ?? 0;
  const walked = walkedCount < top.instances ? ` (the first ${formatValue(walkedCount, 'count')} walked)` : '';
  io.out('');
  io.out(
    escapeControls(
      `retainers of the ${formatValue(top.instances, 'count')} new ${top.class}${walked}: ` +
        'shortest paths from the GC roots merged, the path holding most first',
    ),
  );
  for (const line of treeLines(top.tree)) io.out(escapeControls(line));
  if (unreachable > 0) io.out(`(${formatValue(unreachable, 'count')} held only weakly: in no path)`);
}

/**
 * The tree indented two spaces a level, root first: `edge → node (N new)`, and `… N more (M new)` after a node's
 * children when some were left off; explicit stack (deep trees).
 */
export function treeLines(tree: RetainerTreeNode): string[] {
  type Entry =
    { node: RetainerTreeNode; depth: number } | { more: { children: number; instances: number }; depth: number };
  const lines: string[] = [];
  const stack: Entry[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const pad = '  '.repeat(entry.depth);
    if ('more' in entry) {
      const { children, instances } = entry.more;
      lines.push(`${pad}… ${formatValue(children, 'count')} more (${formatValue(instances, 'count')} new)`);
      continue;
    }
    const { node, depth } = entry;
    const edge = depth === 0 ? '' : `${node.edge === '' ? '(unnamed)' : node.edge} → `;
    lines.push(`${pad}${edge}${node.node} (${formatValue(node.instances, 'count')} new)`);
    // Popped last: after the children.
    if (node.omitted) stack.push({ more: node.omitted, depth: depth + 1 });
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i] as RetainerTreeNode, depth: depth + 1 });
    }
  }
  return lines;
}
