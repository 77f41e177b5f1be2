/** How a snapshot is named in the comparison: "first"/"last" of two, "#1"… of more, with its clock time (UTC). */
import type { HeapDiff } from '../../shared/ipc/memory-contract';

export function snapshotLabel(index: number, count: number): string {
  return count === 2 ? (index === 0 ? 'first' : 'last') : `#${index + 1}`;
}

/** "#2 · 12:00:09 UTC" for the list of snapshots above the table. */
export function snapshotTitle(snapshot: HeapDiff['snapshots'][number], index: number): string {
  const time =
    snapshot.atMs === null ? 'no capture time' : `${new Date(snapshot.atMs).toISOString().slice(11, 19)} UTC`;
  return `#${index + 1} · item ${snapshot.itemId} · ${time}`;
}
