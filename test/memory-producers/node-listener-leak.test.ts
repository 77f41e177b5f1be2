/**
 * Node as the producer of a listener leak (node-listener-leak.js, run with `node --trace-gc`): three heap snapshots
 * after N1, N2, N3 requests, each request a new Session kept by a `close` listener on the long-lived `server`
 * EventEmitter, while Request objects are dropped and a Config table stays constant. All of it imported with
 * `kiln import --service node-leak`, compared with `kiln heap-diff`.
 *
 * Oracles: the program's own truth (sessions created, all alive; the Config table's size; requests per connection),
 * and a count of the snapshots' nodes per class made here from the .heapsnapshot JSON (its meta names the node
 * fields), with DevTools' class naming written out again. The dominator tree's invariants come from how retained
 * sizes are defined (a node's retained size is its self size plus its dominated nodes').
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import v8 from 'node:v8';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heapDiffServices } from '../../main/services/heap-diff-services';
import { NotFoundError } from '../../main/services/not-found';
import { ProfileStore } from '../../main/store/profile-store';
import type { Finding, HeapDiff } from '../../shared/ipc/memory-contract';
import { kiln, kilnJson, type ListedItem } from '../timeline-producers/support';

const SERVICE = 'node-leak';
const REQUESTS = [1200, 5000, 9800];

interface Truth {
  sessions: number[];
  configs: number[];
  files: string[];
  requestsPerConnection: number;
}

/**
 * Nodes per class, from the snapshot's JSON alone: nodes of self size 0 left out, objects and native nodes named by
 * their name, other types by the type in parentheses ("hidden" is "(system)", "code" "(compiled code)") — the way
 * Chrome DevTools' summary groups them.
 */
function countClasses(file: string): Map<string, number> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = json.snapshot.meta.node_fields;
  const types = json.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const counts = new Map<string, number>();
  for (let i = 0; i < json.nodes.length; i += fields.length) {
    if (json.nodes[i + size] === 0) continue;
    const t = types[json.nodes[i + type] as number] as string;
    const cls =
      t === 'object' || t === 'native'
        ? (json.strings[json.nodes[i + name] as number] as string)
        : t === 'hidden'
          ? '(system)'
          : t === 'code'
            ? '(compiled code)'
            : `(${t})`;
    counts.set(cls, (counts.get(cls) ?? 0) + 1);
  }
  return counts;
}

/** v8.writeHeapSnapshot arrived in Node 11.13; a Node without it cannot produce the snapshots. */
const canSnapshot = typeof v8.writeHeapSnapshot === 'function';
if (!canSnapshot) console.warn('skipped: this Node has no v8.writeHeapSnapshot');

describe.skipIf(!canSnapshot)('node listener leak: heap snapshots compared', () => {
  let dir: string;
  let db: string;
  let log: string;
  let truth: Truth;
  let ids: number[];
  let gcId: number;
  let independent: Map<string, number>[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-node-leak-'));
    db = join(dir, 'kiln.db');
    log = join(dir, 'gc.log');
    const out = openSync(log, 'w');
    const result = spawnSync(
      process.execPath,
      ['--trace-gc', join(__dirname, 'node-listener-leak.js'), dir, ...REQUESTS.map(String)],
      { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: 30_000 },
    );
    closeSync(out);
    expect(result.status, result.stderr).toBe(0);
    truth = JSON.parse(result.stderr.trim().split('\n').pop() as string) as Truth;
    const imported = kiln(db, ['import', '--quiet', '--service', SERVICE, ...truth.files, log]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    ids = truth.files.map((file) => items.find((item) => file.endsWith(item.name))?.id as number);
    gcId = items.find((item) => item.kind === 'gc-log')?.id as number;
    independent = truth.files.map(countClasses);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the three snapshots and the --trace-gc output as a GC log', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    expect(items).toHaveLength(4);
    expect(ids.every((id) => items.find((item) => item.id === id)?.kind === 'heap-snapshot')).toBe(true);
    const gc = items.find((item) => item.id === gcId);
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(gc).toMatchObject({ kind: 'gc-log', format: 'node-trace-gc', service: SERVICE });
    // Each snapshot collects garbage first ("heap profiler" in the reason): at least one line per snapshot.
    expect(lines.filter((line) => line.includes('heap profiler')).length).toBeGreaterThanOrEqual(REQUESTS.length);
    expect(gc?.gc?.gcEvents).toBe(lines.length);
  });

  it('counts every class as the snapshot JSON does, and pairs instances by id consistently', () => {
    const diff = kilnJson<HeapDiff>(db, ['heap-diff', ...ids.map(String), '--limit', '100000']);
    expect(diff.snapshots.map((s) => s.itemId)).toEqual(ids);
    const classes = new Set(independent.flatMap((counts) => [...counts.keys()]));
    expect(diff.rows).toHaveLength(classes.size);
    for (const row of diff.rows) {
      expect(row.counts, row.class).toEqual(independent.map((counts) => counts.get(row.class) ?? 0));
      expect(row.counts[2]! - row.counts[0]!, row.class).toBe(row.added - row.removed);
    }
  });

  it('ranks Session first, with the program’s counts, and does not flag Request or Config', () => {
    const diff = kilnJson<HeapDiff>(db, ['heap-diff', ...ids.map(String)]);
    expect(truth.sessions).toEqual(REQUESTS);
    const session = diff.rows[0];
    expect(session?.class).toBe('Session');
    expect(session?.counts).toEqual(truth.sessions);
    expect(session?.counts).toEqual(independent.map((counts) => counts.get('Session')));
    // All leak: every Session of the last snapshot but the first's is new, none gone.
    expect(session).toMatchObject({ added: truth.sessions[2]! - truth.sessions[0]!, removed: 0 });
    // Config: the constant table, in every snapshot; Request: created and dropped, none alive at any snapshot.
    const all = kilnJson<HeapDiff>(db, ['heap-diff', ...ids.map(String), '--limit', '100000']);
    expect(all.rows.find((r) => r.class === 'Config')).toMatchObject({ counts: truth.configs, added: 0, removed: 0 });
    expect(truth.configs).toEqual([64, 64, 64]);
    expect(independent.map((counts) => counts.get('Request') ?? 0)).toEqual([0, 0, 0]);
    expect(all.rows.find((r) => r.class === 'Request')).toBeUndefined();
    expect(diff.paths.map((p) => p.class)).not.toContain('Config');
    expect(diff.paths[0]?.class).toBe('Session');
  });

  it('shows the new Sessions held by the server’s close listeners', () => {
    const diff = kilnJson<HeapDiff>(db, ['heap-diff', ...ids.map(String)]);
    const top = diff.paths[0];
    const added = truth.sessions[2]! - truth.sessions[0]!;
    const perConnection = truth.requestsPerConnection;
    expect(top).toMatchObject({ class: 'Session', instances: added, walked: added, unreachable: 0 });
    // What the program did, listener by listener: server._events.close[i] is the closure of openConnection, whose
    // context holds `connection`, whose `sessions` array holds its Sessions. The listeners of the connections opened
    // after the first snapshot are new (indices N1/k on); the newest connection's Sessions are reached sooner
    // through the module's `current`, so the listeners' line holds all new Sessions but those k and ends at
    // index N3/k − 2.
    const firstNew = truth.sessions[0]! / perConnection;
    const lastListener = truth.sessions[2]! / perConnection - 2;
    expect(top?.path.slice(-8)).toEqual([
      { node: 'EventEmitter', edge: 'server' },
      { node: 'Object', edge: '_events' },
      { node: 'Array', edge: 'close' },
      { node: '(closure)', edge: `[${firstNew}..${lastListener}]` },
      { node: 'system / Context', edge: 'context' },
      { node: 'Connection', edge: 'connection' },
      { node: 'Array', edge: 'sessions' },
      { node: 'Session', edge: `[0..${perConnection - 1}]` },
    ]);
    expect(top?.path[0]).toEqual({ node: '(root)', edge: '' });
    // The tree: along the path, each node holds the line's Sessions; the line's leaf all but the newest connection's.
    let node = top!.tree;
    for (const step of top!.path.slice(1)) {
      node = node.children[0]!;
      expect(node).toMatchObject(step);
    }
    expect(node).toMatchObject({ instances: added - perConnection, self: added - perConnection, children: [] });
    expect(top?.tree.instances).toBe(added);
  });

  it('kiln findings says Session grew, with the program’s counts, held by the server’s close listeners', () => {
    const { findings } = kilnJson<{ findings: Finding[] }>(db, ['findings', SERVICE]);
    const growth = findings.filter((f) => f.kind === 'heap-growth');
    expect(growth[0]?.subject).toBe('Session');
    const counts = truth.sessions.map((n) => n.toLocaleString('en-US')).join(' → ');
    const perConnection = truth.requestsPerConnection;
    const firstNew = truth.sessions[0]! / perConnection;
    const lastListener = truth.sessions[2]! / perConnection - 2;
    // The expression starts at the outermost variable on the path; "…" when Node's own objects hold it above that.
    const title = `Session instances ${truth.sessions[0]!.toLocaleString('en-US')} → ${truth.sessions[2]!.toLocaleString(
      'en-US',
    )} across 3 snapshots, held by `;
    const heldBy = `server._events.close[${firstNew}..${lastListener}].connection.sessions[0..${perConnection - 1}]`;
    expect([`${title}${heldBy}`, `${title}…${heldBy}`]).toContain(growth[0]?.title);
    expect(growth[0]?.evidence[0]).toContain(`instances per snapshot: ${counts}`);
    expect(growth[0]?.link).toEqual({ view: 'heap-diff', itemIds: ids, class: 'Session' });
    // Config is a constant table: never a finding.
    expect(findings.some((f) => f.subject === 'Config')).toBe(false);
  });

  it('reads a selection as its heap snapshots in time order, and refuses a GC log as a snapshot', () => {
    const byIds = kilnJson<HeapDiff>(db, ['heap-diff', ...ids.map(String)]);
    const sorted = [...ids].sort((a, b) => a - b);
    const bySelection = kilnJson<HeapDiff>(db, ['heap-diff', `${sorted[0]}-${Math.max(...sorted, gcId)}`]);
    expect(bySelection).toEqual(byIds);
    expect(kilnJson<HeapDiff>(db, ['heap-diff', SERVICE])).toEqual(byIds);
    const refused = kiln(db, ['heap-diff', String(gcId), String(ids[0])]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`no heap snapshot with id ${gcId}`);
  });

  it('prints the table and the top grower’s retainer tree, indented', () => {
    const out = kiln(db, ['heap-diff', ...ids.map(String), '--limit', '5']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    const fmt = (n: number) => n.toLocaleString('en-US');
    const row = lines.find((line) => line.startsWith('Session '));
    expect(row).toContain(truth.sessions.map(fmt).join(' → '));
    expect(row).toContain(`+${fmt(truth.sessions[2]! - truth.sessions[0]!)}`);
    const indent = (text: string) => {
      const line = lines.find((l) => l.trimStart().startsWith(text)) as string;
      return line.length - line.trimStart().length;
    };
    expect(lines).toContain(`(root) (${fmt(truth.sessions[2]! - truth.sessions[0]!)} new)`);
    expect(indent('_events → Object')).toBe(indent('server → EventEmitter') + 2);
    expect(indent('close → Array')).toBe(indent('_events → Object') + 2);
    expect(indent('connection → Connection')).toBeGreaterThan(indent('close → Array'));
  });

  it('serves the dominator tree a level at a time, sizes adding up', async () => {
    const store = new ProfileStore(db);
    try {
      const services = heapDiffServices(store);
      const last = ids[2]!;
      const root = await services.getDominatorTree({ itemId: last, limit: 5 });
      const { node, children, more } = root;
      expect(node.name).toBe('(root)');
      expect(children).toHaveLength(5);
      expect(children.length + more.count).toBe(node.childCount);
      // A node's retained size is its own plus its dominated nodes', exactly (integers).
      const sum = children.reduce((s, c) => s + c.retainedSize, 0) + more.retainedSize;
      expect(node.selfSize + sum).toBe(node.retainedSize);
      for (let i = 0; i < children.length; i++) {
        expect(children[i]!.retainedSize).toBeLessThanOrEqual(node.retainedSize);
        if (i > 0) expect(children[i]!.retainedSize).toBeLessThanOrEqual(children[i - 1]!.retainedSize);
      }
      // The biggest child is the stored node of that id, with its stored retained size; expanding it adds up too.
      const stored = store.heapSnapshot(last)!;
      const index = stored.snapshot.nodeId.indexOf(children[0]!.nodeId);
      expect(stored.analysis.retainedSize[index]).toBe(children[0]!.retainedSize);
      expect(stored.analysis.dominator[index]).toBe(0);
      const expanded = await services.getDominatorTree({ itemId: last, nodeId: children[0]!.nodeId, limit: 3 });
      expect(expanded.node).toEqual(children[0]);
      const below = expanded.children.reduce((s, c) => s + c.retainedSize, 0) + expanded.more.retainedSize;
      expect(expanded.node.selfSize + below).toBe(expanded.node.retainedSize);
      // The root retains the heap the root reaches: at most every node's self size, from the JSON.
      const json = JSON.parse(readFileSync(truth.files[2]!, 'utf8')) as {
        snapshot: { meta: { node_fields: string[] } };
        nodes: number[];
      };
      const fields = json.snapshot.meta.node_fields;
      const size = fields.indexOf('self_size');
      let total = 0;
      for (let i = 0; i < json.nodes.length; i += fields.length) total += json.nodes[i + size]!;
      expect(node.retainedSize).toBeLessThanOrEqual(total);
      expect(node.retainedSize).toBeGreaterThan(total * 0.9);
      await expect(services.getDominatorTree({ itemId: gcId, limit: 5 })).rejects.toBeInstanceOf(NotFoundError);
      await expect(services.getDominatorTree({ itemId: last, nodeId: 2 ** 40, limit: 5 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    } finally {
      store.close();
    }
  });
});
