/**
 * A V8 heap snapshot (.heapsnapshot, as written by v8.writeHeapSnapshot, the
 * inspector's HeapProfiler.takeHeapSnapshot or Chrome DevTools) read from its
 * UTF-8 bytes into the typed-array graph of shared/heap/model.ts.
 *
 * The document is one JSON object: "snapshot" (the header, first in V8's
 * output), then "nodes", "edges", "trace_function_infos", "trace_tree",
 * "samples", "locations" and "strings". It is tokenized from the bytes: the
 * header is parsed normally, nodes and edges go straight into typed arrays,
 * strings are decoded one by one, and the allocation-tracking sections are
 * stepped over unread. Nothing holds the whole document as a string.
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import type { HeapSnapshot } from '../../heap/model';
import { assembleSnapshot } from './assemble';
import { ByteReader, CLOSE_BRACE, COLON, COMMA, describeByteAt, OPEN_BRACE, QUOTE } from './byte-reader';
import { EdgeColumns } from './edge-columns';
import { readSnapshotHeader, type SnapshotLayout } from './header';
import { readIntegerArray } from './integer-array';
import { readJsonString } from './json-string';
import { skipJsonValue } from './json-skip';
import { NodeColumns } from './node-columns';
import { readStringArray } from './string-array';

const MAX_KEY_LENGTH = 256;
// The shortest node or edge field is one digit and a comma.
const MIN_BYTES_PER_FIELD = 2;

export function importHeapSnapshot(bytes: Uint8Array, limits: ImportLimits): HeapSnapshot {
  const reader = new ByteReader(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) reader.pos = 3;
  reader.expect(OPEN_BRACE, 'at the start of the heap snapshot');

  let layout: SnapshotLayout | null = null;
  let nodes: NodeColumns | null = null;
  let edges: EdgeColumns | null = null;
  let strings: string[] | null = null;
  const seen = new Set<string>();

  reader.skipWhitespace();
  if (reader.peek() === CLOSE_BRACE) fail('the heap snapshot is an empty JSON object');
  for (;;) {
    reader.skipWhitespace();
    if (reader.peek() !== QUOTE) {
      if (reader.atEnd) reader.truncated('between top-level keys');
      fail(`expected a key at byte ${reader.pos}, found ${describeByteAt(bytes, reader.pos)}`);
    }
    const key = readJsonString(reader, MAX_KEY_LENGTH, 'a top-level key');
    reader.expect(COLON, `after "${key}"`);
    if (seen.has(key)) fail(`the heap snapshot has two "${key}" keys`);
    seen.add(key);

    if (key === 'snapshot') {
      layout = readSnapshotHeader(reader);
      checkCounts(layout, bytes.length, limits);
    } else if (key === 'nodes') {
      nodes = new NodeColumns(headerBefore(layout, key), layout?.nodeCount ?? null, limits);
      nodes.finish(readIntegerArray(reader, 'nodes', nodes));
      checkLimit('heap snapshot nodes', nodes.count, limits, 'maxSnapshotNodes');
    } else if (key === 'edges') {
      edges = new EdgeColumns(headerBefore(layout, key), layout?.edgeCount ?? null);
      edges.finish(readIntegerArray(reader, 'edges', edges));
    } else if (key === 'strings') {
      strings = readStringArray(reader, limits.maxStringLength);
    } else {
      skipJsonValue(reader, `"${key}"`);
    }

    reader.skipWhitespace();
    const c = reader.peek();
    if (c === COMMA) {
      reader.pos++;
      continue;
    }
    if (c === CLOSE_BRACE) break;
    if (c < 0) reader.truncated(`after the "${key}" section`);
    fail(
      `expected ',' or '}' after the "${key}" section at byte ${reader.pos}, found ${describeByteAt(bytes, reader.pos)}`,
    );
  }
  reader.pos++;
  reader.skipWhitespace();
  if (!reader.atEnd) fail(`unexpected data after the heap snapshot's closing brace, at byte ${reader.pos}`);

  if (!layout) return fail('the heap snapshot has no "snapshot" header');
  if (!nodes) return fail('the heap snapshot has no "nodes" array');
  if (!edges) return fail('the heap snapshot has no "edges" array');
  if (!strings) return fail('the heap snapshot has no "strings" array');
  return assembleSnapshot(layout, nodes, edges, strings);
}

/** The field layout must be known before the arrays it describes; V8 writes the header first. */
function headerBefore(layout: SnapshotLayout | null, key: string): SnapshotLayout {
  return layout ?? fail(`"${key}" comes before the "snapshot" header that describes its fields`);
}

/**
 * node_count and edge_count size the columns up front, so they are checked
 * against the limit and against the bytes that could hold them before any
 * allocation: a forged count cannot reserve gigabytes.
 */
function checkCounts(layout: SnapshotLayout, byteLength: number, limits: ImportLimits): void {
  if (layout.nodeCount !== null) {
    checkLimit('heap snapshot nodes', layout.nodeCount, limits, 'maxSnapshotNodes');
    const minBytes = layout.nodeCount * layout.nodeFieldCount * MIN_BYTES_PER_FIELD;
    if (minBytes > byteLength) {
      fail(`snapshot.node_count is ${layout.nodeCount}, more nodes than a document of ${byteLength} bytes can hold`);
    }
  }
  if (layout.edgeCount !== null) {
    const minBytes = layout.edgeCount * layout.edgeFieldCount * MIN_BYTES_PER_FIELD;
    if (minBytes > byteLength) {
      fail(`snapshot.edge_count is ${layout.edgeCount}, more edges than a document of ${byteLength} bytes can hold`);
    }
  }
}
