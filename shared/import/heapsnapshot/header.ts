/**
 * The "snapshot" object at the head of a .heapsnapshot: `meta` names the fields
 * of the flat `nodes` and `edges` arrays and the values of their enum fields
 * (V8's HeapSnapshotJSONSerializer::SerializeSnapshot writes node_fields,
 * node_types, edge_fields, edge_types, …, then node_count and edge_count).
 * It is a few kilobytes, so it is decoded and parsed normally; the field order
 * is read from it, never assumed.
 */
import { fail } from '../errors';
import { OPEN_BRACE, describeByteAt, type ByteReader } from './byte-reader';
import { skipJsonValue } from './json-skip';
import { decodeUtf8Region } from './utf8';

/** Where each field sits in a node's or an edge's group of numbers, and what the enum values are. */
export interface SnapshotLayout {
  nodeFieldCount: number;
  nodeTypeOffset: number;
  nodeNameOffset: number;
  nodeIdOffset: number;
  nodeSelfSizeOffset: number;
  nodeEdgeCountOffset: number;
  edgeFieldCount: number;
  edgeTypeOffset: number;
  edgeNameOffset: number;
  edgeToNodeOffset: number;
  /** meta.node_types[type field]: "hidden", "array", "string", "object", … */
  nodeTypeNames: string[];
  /** meta.edge_types[type field]: "context", "element", "property", … */
  edgeTypeNames: string[];
  /** snapshot.node_count / edge_count, when the producer wrote them. */
  nodeCount: number | null;
  edgeCount: number | null;
}

// A real header is under 2 KB; a megabyte means this is not one.
const MAX_HEADER_BYTES = 1024 * 1024;
const MAX_HEADER_DEPTH = 16;
// Enum values are stored in a Uint8Array column.
const MAX_ENUM_VALUES = 256;

/** Reads the value of the "snapshot" key (the reader is just past its colon). */
export function readSnapshotHeader(reader: ByteReader): SnapshotLayout {
  reader.skipWhitespace();
  const start = reader.pos;
  if (reader.peek() !== OPEN_BRACE) {
    if (reader.atEnd) reader.truncated('after "snapshot":');
    fail(`"snapshot" is not an object: found ${describeByteAt(reader.bytes, start)} at byte ${start}`);
  }
  skipJsonValue(reader, 'the "snapshot" header', MAX_HEADER_DEPTH);
  if (reader.pos - start > MAX_HEADER_BYTES) {
    fail(`the "snapshot" header is ${reader.pos - start} bytes long; a heap snapshot's is a few kilobytes`);
  }
  let header: unknown;
  try {
    header = JSON.parse(decodeUtf8Region(reader.bytes.subarray(start, reader.pos)));
  } catch (error) {
    fail(`the "snapshot" header is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return layoutOf(header);
}

function layoutOf(header: unknown): SnapshotLayout {
  if (!isObject(header)) return fail('"snapshot" is not an object');
  const meta = header['meta'];
  if (!isObject(meta)) return fail('snapshot.meta is missing or not an object');
  const nodeFields = stringArray(meta['node_fields'], 'snapshot.meta.node_fields');
  const edgeFields = stringArray(meta['edge_fields'], 'snapshot.meta.edge_fields');
  const nodeField = (field: string): number => fieldIndex(nodeFields, field, 'snapshot.meta.node_fields');
  const edgeField = (field: string): number => fieldIndex(edgeFields, field, 'snapshot.meta.edge_fields');
  const nodeTypeOffset = nodeField('type');
  const edgeTypeOffset = edgeField('type');
  const rootIndex = header['root_index'];
  // DevTools reads an optional root_index (default 0); V8 puts the root first and the model relies on that.
  if (rootIndex !== undefined && rootIndex !== 0)
    fail(`snapshot.root_index ${String(rootIndex)} is not supported (only 0)`);
  return {
    nodeFieldCount: nodeFields.length,
    nodeTypeOffset,
    nodeNameOffset: nodeField('name'),
    nodeIdOffset: nodeField('id'),
    nodeSelfSizeOffset: nodeField('self_size'),
    nodeEdgeCountOffset: nodeField('edge_count'),
    edgeFieldCount: edgeFields.length,
    edgeTypeOffset,
    edgeNameOffset: edgeField('name_or_index'),
    edgeToNodeOffset: edgeField('to_node'),
    nodeTypeNames: enumValues(meta['node_types'], nodeTypeOffset, 'snapshot.meta.node_types'),
    edgeTypeNames: enumValues(meta['edge_types'], edgeTypeOffset, 'snapshot.meta.edge_types'),
    nodeCount: optionalCount(header['node_count'], 'snapshot.node_count'),
    edgeCount: optionalCount(header['edge_count'], 'snapshot.edge_count'),
  };
}

function fieldIndex(fields: string[], field: string, what: string): number {
  const index = fields.indexOf(field);
  if (index < 0) fail(`${what} has no "${field}" field (it lists ${JSON.stringify(fields)})`);
  if (fields.indexOf(field, index + 1) >= 0) fail(`${what} lists "${field}" twice`);
  return index;
}

/** meta.node_types / edge_types: per field, the enum's value names (an array) or the field's kind (a string). */
function enumValues(types: unknown, offset: number, what: string): string[] {
  if (!Array.isArray(types)) return fail(`${what} is missing or not an array`);
  const names = stringArray(types[offset], `${what}[${offset}]`);
  if (names.length === 0 || names.length > MAX_ENUM_VALUES) {
    fail(`${what}[${offset}] lists ${names.length} types; expected 1 to ${MAX_ENUM_VALUES}`);
  }
  return names;
}

function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return fail(`${what} is missing or not an array of strings`);
  }
  return value as string[];
}

function optionalCount(value: unknown, what: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return fail(`${what} is not a non-negative integer: ${JSON.stringify(value)}`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
