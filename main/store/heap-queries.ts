/** Heap-snapshot queries over the store. */
import type Database from 'better-sqlite3';
import type { HeapTotals } from '../../shared/ipc/contract';
import type { HeapAnalysis, HeapClassRow, HeapSnapshot } from '../../shared/heap/model';
import { readArray } from './heap-arrays';

/** Graph totals per heap snapshot: of the items with these ids (each found by its id), or of all when null. */
export function heapTotalsByProfile(
  db: Database.Database,
  ids: readonly number[] | null = null,
): Map<number, HeapTotals> {
  const rows = (
    ids === null
      ? db.prepare('SELECT item, node_count, edge_count, self_size FROM heap_snapshots').all()
      : db
          .prepare(
            `SELECT h.item, h.node_count, h.edge_count, h.self_size
             FROM json_each(?) AS j JOIN heap_snapshots h ON h.item = j.value`,
          )
          .all(JSON.stringify(ids))
  ) as {
    item: number;
    node_count: number;
    edge_count: number;
    self_size: number;
  }[];
  return new Map(rows.map((r) => [r.item, { nodes: r.node_count, edges: r.edge_count, selfSize: r.self_size }]));
}

export function heapClasses(db: Database.Database, profileId: number, limit: number): HeapClassRow[] {
  const rows = db
    .prepare(
      `SELECT class_name, count, shallow_size, retained_size FROM heap_classes WHERE item = ?
       ORDER BY retained_size DESC, class_name LIMIT ?`,
    )
    .all(profileId, limit) as { class_name: string; count: number; shallow_size: number; retained_size: number }[];
  return rows.map((r) => ({
    className: r.class_name,
    count: r.count,
    shallowSize: r.shallow_size,
    retainedSize: r.retained_size,
  }));
}

/** The stored graph and its analysis, or null when the item is not a heap snapshot. */
export function heapSnapshot(
  db: Database.Database,
  profileId: number,
): { snapshot: HeapSnapshot; analysis: Pick<HeapAnalysis, 'dominator' | 'retainedSize'> } | null {
  const row = db.prepare('SELECT type_names FROM heap_snapshots WHERE item = ?').get(profileId) as
    { type_names: string } | undefined;
  if (!row) return null;
  const names = JSON.parse(row.type_names) as { nodeTypeNames: string[]; edgeTypeNames: string[] };
  const u8 = (name: string): Uint8Array => readArray(db, profileId, name, (b) => new Uint8Array(b));
  const u32 = (name: string): Uint32Array => readArray(db, profileId, name, (b) => new Uint32Array(b));
  const f64 = (name: string): Float64Array => readArray(db, profileId, name, (b) => new Float64Array(b));
  const strings = db
    .prepare('SELECT value FROM heap_strings WHERE item = ? ORDER BY idx')
    .pluck()
    .all(profileId) as string[];
  return {
    snapshot: {
      nodeType: u8('nodeType'),
      nodeName: u32('nodeName'),
      nodeId: f64('nodeId'),
      nodeSelfSize: f64('nodeSelfSize'),
      firstEdge: u32('firstEdge'),
      edgeType: u8('edgeType'),
      edgeNameOrIndex: u32('edgeNameOrIndex'),
      edgeTarget: u32('edgeTarget'),
      nodeTypeNames: names.nodeTypeNames,
      edgeTypeNames: names.edgeTypeNames,
      strings,
    },
    analysis: { dominator: u32('dominator'), retainedSize: f64('retainedSize') },
  };
}
