import { describe, expect, it } from 'vitest';
import {
  snapshotBytes,
  snapshotDocument,
  V8_EDGE_FIELDS,
  V8_NODE_FIELDS,
  type SyntheticNode,
} from '../../../test/fixtures/synthetic-heapsnapshot';
import { ImportFailure, LimitExceeded } from '../errors';
import { resolveImportLimits, type ImportLimits } from '../limits';
import { importHeapSnapshot, looksLikeHeapSnapshot } from './index';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const limits = (overrides: Partial<ImportLimits> = {}): ImportLimits => resolveImportLimits(overrides);
const read = (bytes: Uint8Array, overrides: Partial<ImportLimits> = {}) => importHeapSnapshot(bytes, limits(overrides));

/** A failure's reason, or "no failure". */
function reasonOf(bytes: Uint8Array, overrides: Partial<ImportLimits> = {}): string {
  try {
    read(bytes, overrides);
    return 'no failure';
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    return error.reason;
  }
}

// root → (GC roots) → a, b; root -shortcut-> global; global -property "things"-> array -element-> a, b
const NODES: SyntheticNode[] = [
  {
    type: 'synthetic',
    name: '',
    selfSize: 0,
    edges: [
      { type: 'element', name: 1, to: 1 },
      { type: 'shortcut', name: '1', to: 2 },
    ],
  },
  { type: 'synthetic', name: '(GC roots)', selfSize: 0, edges: [{ type: 'weak', name: 'cache', to: 4 }] },
  { type: 'object', name: 'global', selfSize: 40, id: 100, edges: [{ type: 'property', name: 'things', to: 3 }] },
  {
    type: 'object',
    name: 'Array',
    selfSize: 32,
    edges: [
      { type: 'element', name: 0, to: 4 },
      { type: 'element', name: 1, to: 5 },
    ],
  },
  { type: 'object', name: 'Thing', selfSize: 24 },
  { type: 'string', name: 'héllo "quoted" \\ / \n\t 😀', selfSize: 48 },
];

describe('looksLikeHeapSnapshot', () => {
  it('accepts what V8 writes, with any JSON whitespace and a UTF-8 byte order mark', () => {
    expect(looksLikeHeapSnapshot(snapshotBytes(NODES))).toBe(true);
    expect(looksLikeHeapSnapshot(encode('{"snapshot":{"meta":{"node_fields":'))).toBe(true);
    expect(looksLikeHeapSnapshot(encode(' \n{\r\n  "snapshot" :\t{ "meta" : {'))).toBe(true);
    expect(looksLikeHeapSnapshot(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{"snapshot":{"meta":')]))).toBe(true);
    expect(looksLikeHeapSnapshot(encode(JSON.stringify(snapshotDocument(NODES), null, 2)))).toBe(true);
  });

  it('refuses other JSON and short prefixes', () => {
    expect(looksLikeHeapSnapshot(encode('{"nodes":[],"startTime":0}'))).toBe(false);
    expect(looksLikeHeapSnapshot(encode('{"snapshot":1}'))).toBe(false);
    expect(looksLikeHeapSnapshot(encode('{"snapshot":{"title":"x","meta":{}}}'))).toBe(false);
    expect(looksLikeHeapSnapshot(encode('{"snapshots":{"meta":{}}}'))).toBe(false);
    expect(looksLikeHeapSnapshot(encode('{"snapshot":{"met'))).toBe(false);
    expect(looksLikeHeapSnapshot(new Uint8Array(0))).toBe(false);
  });
});

describe('importHeapSnapshot', () => {
  it('reads nodes, edges and strings into the typed-array model', () => {
    const snapshot = read(snapshotBytes(NODES));
    const name = (node: number): string => snapshot.strings[snapshot.nodeName[node] as number] as string;
    expect(snapshot.nodeType.length).toBe(6);
    expect([...snapshot.nodeType].map((t) => snapshot.nodeTypeNames[t])).toEqual([
      'synthetic',
      'synthetic',
      'object',
      'object',
      'object',
      'string',
    ]);
    expect([0, 1, 2, 3, 4, 5].map(name)).toEqual(['', '(GC roots)', 'global', 'Array', 'Thing', NODES[5]?.name]);
    expect([...snapshot.nodeSelfSize]).toEqual([0, 0, 40, 32, 24, 48]);
    expect(snapshot.nodeId[2]).toBe(100);
    expect([...snapshot.firstEdge]).toEqual([0, 2, 3, 4, 6, 6, 6]);
    expect([...snapshot.edgeTarget]).toEqual([1, 2, 4, 3, 4, 5]);
    expect([...snapshot.edgeType].map((t) => snapshot.edgeTypeNames[t])).toEqual([
      'element',
      'shortcut',
      'weak',
      'property',
      'element',
      'element',
    ]);
    // Element edges keep their index; named edges a string index.
    expect(snapshot.edgeNameOrIndex[0]).toBe(1);
    expect(snapshot.strings[snapshot.edgeNameOrIndex[3] as number]).toBe('things');
    expect(snapshot.edgeNameOrIndex[5]).toBe(1);
  });

  it('takes the field order from meta, not from V8 habit', () => {
    const expected = read(snapshotBytes(NODES));
    const permuted = read(
      snapshotBytes(NODES, {
        nodeFields: [...V8_NODE_FIELDS].reverse(),
        edgeFields: ['to_node', 'extra', 'name_or_index', 'type'],
      }),
    );
    expect(permuted).toEqual(expected);
    expect(V8_EDGE_FIELDS).toEqual(['type', 'name_or_index', 'to_node']);
  });

  it('grows its columns when node_count and edge_count are absent', () => {
    const nodes: SyntheticNode[] = [{ type: 'synthetic', name: '', selfSize: 0, edges: [] }];
    for (let i = 1; i < 5000; i++) {
      nodes[0]?.edges?.push({ type: 'element', name: i, to: i });
      nodes.push({
        type: 'object',
        name: `C${i % 7}`,
        selfSize: i,
        edges: [{ type: 'property', name: 'next', to: (i % 4999) + 1 }],
      });
    }
    const counted = read(snapshotBytes(nodes));
    const grown = read(snapshotBytes(nodes, { omitCounts: true }));
    expect(grown).toEqual(counted);
    expect(grown.nodeType.length).toBe(5000);
    expect(grown.edgeType.length).toBe(4999 * 2);
  });

  it('tolerates JSON whitespace anywhere and a byte order mark', () => {
    const expected = read(snapshotBytes(NODES));
    const pretty = encode(JSON.stringify(snapshotDocument(NODES), null, '\t').replace(/\n/g, '\r\n'));
    expect(read(pretty)).toEqual(expected);
    expect(read(new Uint8Array([0xef, 0xbb, 0xbf, ...snapshotBytes(NODES)]))).toEqual(expected);
  });

  it('steps over sections it does not use, however they nest, and unknown keys', () => {
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    const tricky = Array.from({ length: 10_000 }, (_, i) => ({ k: ']}\\"[', n: i % 2 ? true : null, x: -1.5e3 }));
    const document = snapshotDocument(NODES, {
      extra: { samples: [1, 2, 3], locations: tricky, future_key: { a: ['}', { b: null }] } },
    });
    const text = JSON.stringify(document).replace('"trace_tree":[]', `"trace_tree":${nested}`);
    expect(read(encode(text))).toEqual(read(snapshotBytes(NODES)));
  });

  it('decodes JSON escapes, surrogate pairs and raw UTF-8 exactly as JSON.parse does', () => {
    const strings = [
      'plain',
      'é (raw UTF-8), 😀 (raw 4-byte UTF-8)',
      'escapes: \\" \\\\ \\/ \\b \\f \\n \\r \\t',
      '\\u00e9\\u4e2d \\ud83d\\ude00 pair',
      'lone \\ud800 high and \\udc00 low surrogates',
      '\\u0000 NUL and \\u001f',
      '\\uFEFF byte order mark as text',
    ];
    const raw = ['\uFEFFstarts with U+FEFF (raw bytes)'];
    const json = JSON.stringify(snapshotDocument([{ type: 'synthetic', name: '', selfSize: 0 }]));
    const body = [...strings.map((s) => `"${s}"`), ...raw.map((s) => JSON.stringify(s))].join(',');
    const text = json.replace('"strings":[""]', `"strings":["",${body}]`);
    const snapshot = read(encode(text));
    expect(snapshot.strings).toEqual((JSON.parse(text) as { strings: string[] }).strings);
    expect(snapshot.strings[4]).toBe('\u00e9\u4e2d \u{1f600} pair');
    expect(snapshot.strings[8]).toBe(raw[0]);
  });

  it('enforces maxStringLength on decoded characters and on raw bytes', () => {
    const long = 'x'.repeat(200);
    const bytes = snapshotBytes([
      { type: 'synthetic', name: '', selfSize: 0 },
      { type: 'string', name: long, selfSize: 8 },
    ]);
    expect(read(bytes, { maxStringLength: 200 }).strings).toContain(long);
    expect(() => read(bytes, { maxStringLength: 199 })).toThrow(LimitExceeded);
    expect(reasonOf(bytes, { maxStringLength: 199 })).toBe(
      'strings[1] is 200 characters long, over the limit maxStringLength=199',
    );
    expect(reasonOf(bytes, { maxStringLength: 20 })).toBe(
      'strings[1] is 200 bytes long, over the limit maxStringLength=20',
    );
  });

  it('enforces maxSnapshotNodes with and without node_count', () => {
    const nodes: SyntheticNode[] = Array.from({ length: 3000 }, (_, i) => ({
      type: i ? 'object' : 'synthetic',
      name: '',
      selfSize: 1,
    }));
    expect(reasonOf(snapshotBytes(nodes), { maxSnapshotNodes: 2999 })).toBe(
      'heap snapshot nodes 3000 exceeds the limit maxSnapshotNodes=2999',
    );
    expect(() => read(snapshotBytes(nodes, { omitCounts: true }), { maxSnapshotNodes: 2999 })).toThrow(LimitExceeded);
    expect(() => read(snapshotBytes(nodes, { omitCounts: true }), { maxSnapshotNodes: 100 })).toThrow(LimitExceeded);
    expect(read(snapshotBytes(nodes), { maxSnapshotNodes: 3000 }).nodeType.length).toBe(3000);
  });
});

describe('importHeapSnapshot on damaged input', () => {
  const good = JSON.stringify(snapshotDocument(NODES));
  const edited = (from: string | RegExp, to: string): Uint8Array => {
    const text = good.replace(from, to);
    if (text === good) throw new Error(`edit ${String(from)} changed nothing`);
    return encode(text);
  };

  it('fails on every truncation with a reason, never a raw error or a hang', () => {
    const bytes = encode(good);
    for (let cut = 0; cut < bytes.length; cut++) {
      const reason = reasonOf(bytes.subarray(0, cut));
      expect(reason, `cut at ${cut}`).not.toBe('no failure');
    }
    expect(reasonOf(bytes.subarray(0, good.indexOf('"edges"') - 3))).toBe(
      `truncated heap snapshot: the document ends inside the "nodes" array after 41 values (at byte ${good.indexOf('"edges"') - 3})`,
    );
    expect(reasonOf(bytes.subarray(0, good.length - 5))).toMatch(
      /^truncated heap snapshot: the document ends inside strings\[8\]/,
    );
  });

  it('names wrong counts', () => {
    expect(reasonOf(edited('"node_count":6', '"node_count":7'))).toBe(
      'snapshot.node_count is 7 but "nodes" holds 6 nodes',
    );
    expect(reasonOf(edited('"node_count":6', '"node_count":5'))).toBe(
      'snapshot.node_count is 5 but "nodes" holds more nodes',
    );
    expect(reasonOf(edited('"edge_count":6', '"edge_count":9'))).toBe(
      'snapshot.edge_count is 9 but "edges" holds 6 edges',
    );
    expect(reasonOf(edited('"node_count":6', '"node_count":1000000000'))).toBe(
      'heap snapshot nodes 1000000000 exceeds the limit maxSnapshotNodes=50000000',
    );
    expect(reasonOf(edited('"node_count":6', '"node_count":40000000'))).toMatch(
      /^snapshot.node_count is 40000000, more nodes than a document of \d+ bytes can hold$/,
    );
    // The root's edge_count is the 5th value of the nodes array.
    expect(reasonOf(edited('"nodes":[9,0,1,0,2,', '"nodes":[9,0,1,0,3,'))).toBe(
      `the nodes' edge_count fields add up to more than 6, but "edges" holds 6 edges`,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,0,2,', '"nodes":[9,0,1,0,1,'))).toBe(
      `the nodes' edge_count fields add up to 5, but "edges" holds 6 edges`,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,0,2,0,0,', '"nodes":[9,0,1,0,2,0,0,1,'))).toBe(
      'snapshot.node_count is 6 but "nodes" holds more nodes',
    );
    const uncounted = JSON.stringify(snapshotDocument(NODES, { omitCounts: true }));
    expect(reasonOf(encode(uncounted.replace('"nodes":[9,0,1,0,2,0,0,', '"nodes":[9,0,1,0,2,0,0,1,')))).toBe(
      '"nodes" holds 43 values, not a multiple of the 7 fields per node in meta.node_fields',
    );
  });

  it('names bad edge targets', () => {
    // The first edge is [1 (element), 1, 7 (node 1)].
    expect(reasonOf(edited('"edges":[1,1,7,', '"edges":[1,1,8,'))).toBe(
      'edge 0 (edges[2]) has to_node 8, not a multiple of the 7 node fields',
    );
    expect(reasonOf(edited('"edges":[1,1,7,', '"edges":[1,1,42,'))).toBe(
      'edge 0 (edges[2]) has to_node 42, past the last of 6 nodes',
    );
    expect(reasonOf(edited('"edges":[1,1,7,', '"edges":[1,1,99999999999,'))).toBe(
      'edges[2] (to_node) is 99999999999, more than 32 bits',
    );
    expect(reasonOf(edited('"edges":[1,1,7,', '"edges":[7,1,7,'))).toBe(
      'edge 0 (edges[0]) has type 7, but meta.edge_types lists 7 types',
    );
  });

  it('names bad string indices and node types', () => {
    expect(reasonOf(edited('"nodes":[9,0,', '"nodes":[9,77,'))).toBe(
      'node 0 (nodes[1]) names string 77, but "strings" holds 9',
    );
    expect(reasonOf(edited(/"edges":\[1,1,7,5,\d+,/, '"edges":[1,1,7,5,99,'))).toBe(
      'edge 1 (edges[4]) names string 99, but "strings" holds 9',
    );
    expect(reasonOf(edited('"nodes":[9,', '"nodes":[15,'))).toBe(
      'node 0 (nodes[0]) has type 15, but meta.node_types lists 15 types',
    );
  });

  it('names values that are not non-negative integers', () => {
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,"1",'))).toBe(
      `nodes[2] is not a non-negative integer: found '"1"' at byte ${good.indexOf('"nodes"') + 13}`,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,-1,'))).toMatch(
      /^nodes\[2\] is not a non-negative integer: found '-1'/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,1.5,'))).toMatch(
      /^nodes\[2\] is not a non-negative integer: found '1.5'/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,1e3,'))).toMatch(
      /^nodes\[2\] is not a non-negative integer: found '1e3'/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,null,'))).toMatch(
      /^nodes\[2\] is not a non-negative integer: found 'null'/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,,'))).toMatch(
      /^nodes\[2\] is not a non-negative integer: found/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0 1,'))).toMatch(
      /^expected ',' or ']' after nodes\[1\] at byte \d+, found '1'$/,
    );
    expect(reasonOf(edited('"nodes":[9,0,1,', '"nodes":[9,0,12345678901234567890,'))).toMatch(
      /^nodes\[2\] at byte \d+ is larger than 2\^53$/,
    );
    expect(reasonOf(edited('"edges":[1,', '"edges":[true,'))).toMatch(
      /^edges\[0\] is not a non-negative integer: found 'true'/,
    );
  });

  it('names bad strings', () => {
    expect(reasonOf(edited('"strings":["",', '"strings":["\\x",'))).toMatch(
      /^strings\[0\] has an invalid escape '\\' \+ 'x' at byte \d+$/,
    );
    expect(reasonOf(edited('"strings":["",', '"strings":["\\u12G4",'))).toMatch(
      /^strings\[0\] has an invalid \\u escape at byte \d+: expected 4 hex digits$/,
    );
    expect(reasonOf(edited('"strings":["",', '"strings":["\\u12",'))).toMatch(
      /^strings\[0\] has an invalid \\u escape/,
    );
    expect(reasonOf(edited('"strings":["",', '"strings":["a\tb",'))).toMatch(
      /^strings\[0\] holds an unescaped control character \(0x09\) at byte \d+$/,
    );
    expect(reasonOf(edited('"strings":["",', '"strings":[7,'))).toMatch(/^strings\[0\] is not a string: found '7'/);
  });

  it('names structural problems', () => {
    expect(reasonOf(encode('[]'))).toBe("expected '{' at the start of the heap snapshot at byte 0, found '['");
    expect(reasonOf(encode('{}'))).toBe('the heap snapshot is an empty JSON object');
    expect(reasonOf(edited(/,"strings":\[.*\]\}$/, '}'))).toBe('the heap snapshot has no "strings" array');
    expect(reasonOf(edited(/"edges":\[[\d,]*\],/, ''))).toBe('the heap snapshot has no "edges" array');
    expect(reasonOf(edited('"samples":[]', '"nodes":[]'))).toBe('the heap snapshot has two "nodes" keys');
    expect(reasonOf(encode(`{"nodes":[1],${good.slice(1)}`))).toBe(
      '"nodes" comes before the "snapshot" header that describes its fields',
    );
    expect(reasonOf(encode(`${good} {}`))).toMatch(
      /^unexpected data after the heap snapshot's closing brace, at byte \d+$/,
    );
    expect(reasonOf(encode(good.replace('"samples":[]', '"samples":[1}')))).toMatch(
      /^malformed JSON in "samples" at byte \d+: found '}'$/,
    );
    expect(reasonOf(edited('"node_fields":["type"', '"node_fields":["kind"'))).toBe(
      'snapshot.meta.node_fields has no "type" field (it lists ["kind","name","id","self_size","edge_count","trace_node_id","detachedness"])',
    );
    expect(reasonOf(edited('"edge_types":[[', '"edge_types":[7,['))).toBe(
      'snapshot.meta.edge_types[0] is missing or not an array of strings',
    );
    expect(reasonOf(edited('"node_count":6', '"node_count":-6'))).toBe(
      'snapshot.node_count is not a non-negative integer: -6',
    );
    expect(reasonOf(edited('"node_count":6', '"node_count":6,"root_index":7'))).toBe(
      'snapshot.root_index 7 is not supported (only 0)',
    );
    expect(reasonOf(edited('{"snapshot":{', '{"snapshot":{"deep":[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],'))).toBe(
      'the "snapshot" header nests deeper than 16 levels',
    );
  });

  it('survives random byte damage: every outcome is a snapshot or an ImportFailure', () => {
    const bytes = encode(good);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = encode('0123456789,[]{}":\\ux-.e ');
    let failures = 0;
    for (let round = 0; round < 2000; round++) {
      const copy = bytes.slice();
      for (let k = 0; k <= random(3); k++) copy[random(copy.length)] = alphabet[random(alphabet.length)] as number;
      if (reasonOf(copy) !== 'no failure') failures++;
    }
    expect(failures).toBeGreaterThan(1000);
  });
});
