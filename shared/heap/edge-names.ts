/**
 * An edge's name as text. V8's serializer (SerializeEdge) writes an index for
 * "element" and "hidden" edges and a string id for every other type.
 */
import type { HeapSnapshot } from './model';

export function edgeName(snapshot: HeapSnapshot, edge: number): string {
  const type = snapshot.edgeTypeNames[snapshot.edgeType[edge] as number];
  const nameOrIndex = snapshot.edgeNameOrIndex[edge] as number;
  if (type === 'element' || type === 'hidden') return String(nameOrIndex);
  return snapshot.strings[nameOrIndex] ?? '';
}

export function edgeTypeName(snapshot: HeapSnapshot, edge: number): string {
  return snapshot.edgeTypeNames[snapshot.edgeType[edge] as number] ?? '';
}
