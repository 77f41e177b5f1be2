// A stand-in for `kiln serve`, for looking at the renderer in a browser without the
// real store: serves dist/renderer and answers the HTTP contract from memory.
// Uploads are read as collapsed stacks ("a;b;c 12" per line); anything else fails.
// A fake GC log (with heap sizes), one without heap sizes and a fake heap snapshot are
// there from the start, for looking at those views.
//
//   node renderer/dev/mock-server.mjs [--port 5174] [--big 500000]
//   then open http://127.0.0.1:5174/?token=dev
//
// Development aid only: not part of the app, no validation beyond what the UI needs.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PORT = Number(option('--port', '5174'));
const TOKEN = option('--token', 'dev');
const STATIC_ROOT = resolve(option('--root', 'dist/renderer'));
const BIG_NODES = Number(option('--big', '0'));

const profiles = [];

/** Builds a pre-order flame tree and top-function rows from {stack: string[], value}[]. */
function buildProfile(name, samples, valueType) {
  const root = { name: 'root', children: new Map(), self: 0, total: 0 };
  const self = new Map();
  const cum = new Map();
  let total = 0;
  for (const { stack, value } of samples) {
    total += value;
    let node = root;
    node.total += value;
    for (const frame of stack) {
      let child = node.children.get(frame);
      if (!child) node.children.set(frame, (child = { name: frame, children: new Map(), self: 0, total: 0 }));
      child.total += value;
      node = child;
    }
    node.self += value;
    const leaf = stack[stack.length - 1];
    if (leaf) self.set(leaf, (self.get(leaf) ?? 0) + value);
    for (const f of new Set(stack)) cum.set(f, (cum.get(f) ?? 0) + value);
  }
  return finishProfile(name, root, self, cum, total, valueType);
}

function finishProfile(name, root, self, cum, total, valueType) {
  const names = [];
  const nameIndex = new Map();
  const intern = (n) => {
    if (!nameIndex.has(n)) nameIndex.set(n, names.push(n) - 1);
    return nameIndex.get(n);
  };
  const tree = {
    functionNames: names,
    functionFiles: [],
    functionLines: [],
    func: [],
    parent: [],
    depth: [],
    self: [],
    total: [],
    sampleType: valueType,
  };
  const work = [[root, -1, 0]];
  while (work.length > 0) {
    const [node, parent, depth] = work.pop();
    const index = tree.func.length;
    tree.func.push(intern(node.name));
    tree.parent.push(parent);
    tree.depth.push(depth);
    tree.self.push(node.self);
    tree.total.push(node.total);
    const children = [...node.children.values()].sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const child of children) work.push([child, index, depth + 1]);
  }
  tree.functionFiles = names.map((n) => (n.includes('.') ? `src/${n.split('.')[0]}.go` : ''));
  tree.functionLines = names.map(() => 0);
  const top = [...cum.keys()]
    .map((f) => ({
      function: f,
      file: tree.functionFiles[nameIndex.get(f)] ?? '',
      self: self.get(f) ?? 0,
      total: cum.get(f),
    }))
    .sort((a, b) => b.self - a.self);
  const id = profiles.length + 1;
  const summary = {
    id,
    name,
    format: 'collapsed',
    kind: 'cpu',
    service: null,
    capturedAtMs: Date.now(),
    durationNs: 10e9,
    item: null,
    sampleTypes: [valueType],
    totals: [total],
    defaultSampleType: 0,
    gc: null,
    heap: null,
    importedAtMs: Date.now(),
    contentHash: String(id),
  };
  profiles.push({ summary, tree, top });
  return summary;
}

function parseCollapsed(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^(.*)\s+(\d+)$/.exec(line.trim());
    if (!match) throw new Error(`not a collapsed-stack line: ${line.slice(0, 60)}`);
    samples.push({ stack: match[1].split(';'), value: Number(match[2]) });
  }
  if (samples.length === 0) throw new Error('no samples');
  return samples;
}

/** A synthetic tree of about `count` nodes: wide near the root, deep enough to look real. */
function bigProfile(count) {
  const samples = [];
  const random = seededRandom(42);
  for (let nodes = 0; nodes < count;) {
    const depth = 4 + Math.floor(random() * 20);
    const stack = [];
    // Few functions near the root, many deeper down, so stacks share prefixes and then fan out.
    for (let d = 0; d < depth; d++)
      stack.push(`pkg${d % 7}.func${Math.floor(random() * Math.min(4 ** (d + 1), 20000))}`);
    samples.push({ stack, value: 1 + Math.floor(random() * 1000) });
    nodes += Math.max(1, depth - 4);
  }
  return buildProfile(`big-${count}.collapsed`, samples, { type: 'cpu', unit: 'nanoseconds' });
}

/** A seeded generator (mulberry32), so the fake data is the same on every run. */
function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addItem(summary, data) {
  const id = profiles.length + 1;
  const full = {
    id,
    item: null,
    service: null,
    capturedAtMs: Date.now(),
    durationNs: null,
    sampleTypes: [],
    totals: [],
    defaultSampleType: 0,
    gc: null,
    heap: null,
    importedAtMs: Date.now(),
    contentHash: String(id),
    ...summary,
  };
  profiles.push({ summary: full, ...data });
  return full;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** A G1-looking log: young pauses every few hundred ms, some mixed, one full GC; heap sizes optional. */
function fakeGcLog(name, { count, withHeap, collector }) {
  const random = seededRandom(count);
  const MIB = 1024 * 1024;
  const events = [];
  let time = 120;
  let heap = 40 * MIB;
  for (let i = 0; i < count; i++) {
    time += 50 + random() * 400;
    const full = i === Math.floor(count * 0.7);
    const mixed = !full && i % 9 === 8;
    const kind = full ? 'full' : mixed ? 'mixed' : 'young';
    const pauseMs = full
      ? 180 + random() * 40
      : mixed
        ? 8 + random() * 12
        : 1 + random() * 6 + (random() < 0.05 ? 20 : 0);
    const before = heap + (20 + random() * 30) * MIB;
    heap = full ? 30 * MIB : Math.max(20 * MIB, before - (15 + random() * 35) * MIB + (mixed ? -10 * MIB : 2 * MIB));
    events.push({
      timeMs: Math.round(time * 1000) / 1000,
      kind,
      generation: full ? 'both' : 'young',
      cause: full ? 'Allocation Failure' : 'G1 Evacuation Pause',
      pauseNs: Math.round(pauseMs * 1e6),
      durationNs: null,
      heapBeforeBytes: withHeap ? Math.round(before) : null,
      heapAfterBytes: withHeap ? Math.round(heap) : null,
      heapCapacityBytes: withHeap ? 512 * MIB : null,
    });
  }
  const pauses = events.map((e) => e.pauseNs / 1e6).sort((a, b) => a - b);
  const totalPauseMs = pauses.reduce((a, b) => a + b, 0);
  const byKind = new Map();
  for (const e of events) {
    const row = byKind.get(e.kind) ?? { kind: e.kind, count: 0, totalPauseMs: 0 };
    row.count++;
    row.totalPauseMs += e.pauseNs / 1e6;
    byKind.set(e.kind, row);
  }
  const span = events.length > 0 ? events[events.length - 1].timeMs - events[0].timeMs : 0;
  const summary = {
    collector,
    gcEvents: events.length,
    totalPauseMs,
    maxPauseMs: pauses[pauses.length - 1] ?? 0,
    p50PauseMs: quantile(pauses, 0.5),
    p90PauseMs: quantile(pauses, 0.9),
    p99PauseMs: quantile(pauses, 0.99),
    pausePercent: span > 0 ? (100 * totalPauseMs) / span : null,
    byKind: [...byKind.values()],
  };
  return addItem(
    {
      name,
      format: 'jvm-unified',
      kind: 'gc-log',
      durationNs: span * 1e6,
      gc: { gcEvents: events.length, totalPauseMs },
    },
    { gcSummary: summary, gcEvents: events },
  );
}

/** A heap snapshot's class table and a few retaining paths, with names that must stay text. */
function fakeHeapSnapshot(name) {
  const random = seededRandom(7);
  const names = [
    'Array',
    '(string)',
    'Object',
    '(closure)',
    'Map',
    'LeakyCache',
    'Buffer',
    '(compiled code)',
    'Promise',
    '<img src=x onerror=alert(1)>',
    'system / Context',
    'EventEmitter',
  ];
  for (let i = 0; i < 40; i++) names.push(`Model${i}`);
  const classes = names.map((className, i) => {
    const count = Math.round(10 + (random() * 5000) / (i + 1));
    const shallowSize = Math.round(count * (16 + random() * 200));
    return { className, count, shallowSize, retainedSize: Math.round(shallowSize * (1 + (random() * 4) / (i + 1))) };
  });
  const selfSize = classes.reduce((a, c) => a + c.shallowSize, 0);
  return addItem(
    { name, format: 'heapsnapshot', kind: 'heap-snapshot', heap: { nodes: 48_213, edges: 190_455, selfSize } },
    { heapClasses: classes.sort((a, b) => b.retainedSize - a.retainedSize), heapSelfSize: selfSize },
  );
}

function fakeRetainers(profileId, className) {
  const item = find(profileId);
  const row = item.heapClasses?.find((c) => c.className === className);
  if (!row) return { className, instance: null, paths: [] };
  const instance = {
    nodeId: 1000 + row.count,
    selfSize: Math.round(row.shallowSize / row.count),
    retainedSize: Math.round(row.retainedSize / 3),
  };
  const leaf = {
    nodeName: className,
    nodeType: 'object',
    selfSize: instance.selfSize,
    retainedSize: instance.retainedSize,
  };
  const root = { nodeName: '', nodeType: 'synthetic', edgeName: '', selfSize: 0, retainedSize: item.heapSelfSize };
  const gcRoots = {
    nodeName: '(GC roots)',
    nodeType: 'synthetic',
    edgeName: '1',
    selfSize: 0,
    retainedSize: item.heapSelfSize,
  };
  const paths = [
    [
      root,
      { nodeName: 'Window / http://localhost', nodeType: 'object', edgeName: '2', selfSize: 56, retainedSize: 912_384 },
      { nodeName: 'LeakyCache', nodeType: 'object', edgeName: 'cache', selfSize: 32, retainedSize: 604_112 },
      { nodeName: 'Map', nodeType: 'object', edgeName: 'entries', selfSize: 48, retainedSize: 603_920 },
      { ...leaf, edgeName: '17' },
    ],
    [
      root,
      gcRoots,
      { nodeName: '(Global handles)', nodeType: 'synthetic', edgeName: '12', selfSize: 0, retainedSize: 70_000 },
      { nodeName: 'system / Context', nodeType: 'hidden', edgeName: '3', selfSize: 40, retainedSize: 20_480 },
      { ...leaf, edgeName: 'listener' },
    ],
    [root, gcRoots, { ...leaf, edgeName: '' }],
  ];
  return { className, instance, paths };
}

const contract = {
  listProfiles: () => profiles.map((p) => p.summary),
  getFlameTree: ({ profileId }) => find(profileId).tree,
  getTopFunctions: ({ profileId, limit }) => find(profileId).top.slice(0, limit),
  getGcSummary: ({ profileId }) => findKind(profileId, 'gc-log').gcSummary,
  getGcEvents: ({ profileId }) => findKind(profileId, 'gc-log').gcEvents,
  getHeapClasses: ({ profileId, limit }) => findKind(profileId, 'heap-snapshot').heapClasses.slice(0, limit),
  getHeapRetainers: ({ profileId, className, maxPaths }) => {
    findKind(profileId, 'heap-snapshot');
    const retainers = fakeRetainers(profileId, className);
    return { ...retainers, paths: retainers.paths.slice(0, maxPaths) };
  },
};

function findKind(id, kind) {
  const item = find(id);
  if (item.summary.kind !== kind) throw Object.assign(new Error(`item ${id} is not a ${kind}`), { status: 404 });
  return item;
}

function find(id) {
  const profile = profiles.find((p) => p.summary.id === id);
  if (!profile) throw Object.assign(new Error(`no profile ${id}`), { status: 404 });
  return profile;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  try {
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { error: 'bad token' });
      const body = await readBody(req);
      if (url.pathname === '/api/upload') {
        const name = url.searchParams.get('name') ?? 'upload';
        try {
          const summary = buildProfile(name, parseCollapsed(body.toString('utf8')), { type: 'samples', unit: 'count' });
          return send(res, 200, {
            imported: [
              {
                id: summary.id,
                file: name,
                item: null,
                format: 'collapsed',
                kind: 'cpu',
                sampleTypes: summary.sampleTypes,
                totals: summary.totals,
                duplicate: false,
              },
            ],
            errors: [],
          });
        } catch (error) {
          return send(res, 200, { imported: [], errors: [{ file: name, message: error.message }] });
        }
      }
      const method = url.pathname.slice('/api/call/'.length);
      if (!(method in contract)) return send(res, 404, { error: `unknown method ${method}` });
      return send(res, 200, contract[method](JSON.parse(body.toString('utf8') || '{}')));
    }
    const path = normalize(join(STATIC_ROOT, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!path.startsWith(STATIC_ROOT)) return send(res, 403, { error: 'forbidden' });
    const content = await readFile(path);
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(content);
  } catch (error) {
    send(res, error.status ?? (error.code === 'ENOENT' ? 404 : 500), { error: error.message });
  }
}).listen(PORT, '127.0.0.1', () => {
  fakeGcLog('app-gc.log', { count: 180, withHeap: true, collector: 'G1' });
  fakeGcLog('no-heap-gc.log', { count: 40, withHeap: false, collector: null });
  fakeHeapSnapshot('app.heapsnapshot');
  if (BIG_NODES > 0) bigProfile(BIG_NODES);
  console.log(`mock kiln serve: http://127.0.0.1:${PORT}/?token=${TOKEN} (${profiles.length} profiles)`);
});
