/** Writes a heap snapshot, its analysis and its class table as a catalogue item (inside the caller's transaction). */
import type Database from 'better-sqlite3';
import type { HeapAnalysis, HeapSnapshot } from '../../shared/heap/model';
import { batchCheckpoint } from './batch-checkpoint';
import { writeArray } from './heap-arrays';
import { insertItemRow, type ItemPlace } from './write-item';

export function writeHeapSnapshot(
  db: Database.Database,
  snapshot: HeapSnapshot,
  analysis: HeapAnalysis,
  place: ItemPlace,
): number {
  const profileId = insertItemRow(db, place, {
    format: 'heapsnapshot',
    kind: 'heap-snapshot',
    capturedAtMs: null,
    durationNs: null,
  });
  let selfSize = 0;
  for (const size of snapshot.nodeSelfSize) selfSize += size;
  db.prepare(
    'INSERT INTO heap_snapshots (item, node_count, edge_count, self_size, type_names) VALUES (?, ?, ?, ?, ?)',
  ).run(
    profileId,
    snapshot.nodeType.length,
    snapshot.edgeType.length,
    selfSize,
    JSON.stringify({ nodeTypeNames: snapshot.nodeTypeNames, edgeTypeNames: snapshot.edgeTypeNames }),
  );
  const arrays = {
    nodeType: snapshot.nodeType,
    nodeName: snapshot.nodeName,
    nodeId: snapshot.nodeId,
    nodeSelfSize: snapshot.nodeSelfSize,
    firstEdge: snapshot.firstEdge,
    edgeType: snapshot.edgeType,
    edgeNameOrIndex: snapshot.edgeNameOrIndex,
    edgeTarget: snapshot.edgeTarget,
    dominator: analysis.dominator,
    retainedSize: analysis.retainedSize,
  };
  for (const [name, array] of Object.entries(arrays)) writeArray(db, profileId, name, array);
  const insertString = db.prepare('INSERT INTO heap_strings (item, idx, value) VALUES (?, ?, ?)');
  snapshot.strings.forEach((value, idx) => {
    // The store's cancellation point (batch-checkpoint.ts), every few thousand strings.
    if (idx % 4096 === 0) batchCheckpoint(db);
    insertString.run(profileId, idx, value);
  });
  const insertClass = db.prepare(
    'INSERT INTO heap_classes (item, class_name, count, shallow_size, retained_size) VALUES (?, ?, ?, ?, ?)',
  );
  for (const row of analysis.classes) {
    insertClass.run(profileId, row.className, row.count, row.shallowSize, row.retainedSize);
  }
  return profileId;
}
