/**
 * A Go service with net/http/pprof as the producer (go-service/): built twice, the second build with another
 * code path and `-X main.build=2`, so the binary's build id changes; build 1 runs and is captured (CPU twice, heap
 * once), then stopped; build 2 starts (a new pid) and is captured again. What Kiln derives must be what happened:
 * - the service is the binary's name (the pprof main mapping's file);
 * - each capture's start lies within the HTTP request that made it;
 * - the timeline has exactly one marker, build-id, at build 2's first capture. A pprof names no process id, so no
 *   restart can be derived from these files (the build-id change is the only trace of the restart);
 * - `kiln top SERVICE@START/END` over the window holding build 1's two CPU captures equals `go tool pprof -top`
 *   over those two files.
 * The builds link externally (gcc) because Go's own linker writes no GNU build id note, which is what
 * runtime/pprof puts in the mapping; `go tool buildid` shows the Go build ids differ as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pprofTop, topByName, type TopRow } from '../fixtures/pprof-top';
import { installed, kiln, kilnJson, run, type ListedItem, type Timeline } from './support';

const SOURCE = join(__dirname, 'go-service');
const BINARY = 'kiln-demo';
const missing = ['go', 'gcc', 'readelf'].filter(
  (tool) => !installed(tool, tool === 'go' ? ['version'] : ['--version']),
);
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';

interface Capture {
  file: string;
  kind: 'cpu' | 'heap';
  build: 1 | 2;
  /** The request's interval, wall-clock ms: the capture must start inside it. */
  requestedAtMs: number;
  answeredAtMs: number;
}

interface Service {
  child: ChildProcess;
  addr: string;
  pid: number;
}

/** Builds go-service/ into DIR/BINARY; build 2 with the `build2` tag (SHA-512 work) and -X main.build=2. */
function build(dir: string, which: 1 | 2): string {
  const out = join(dir, `build${which}`, BINARY);
  const ldflags = `-linkmode=external${which === 2 ? ' -X main.build=2' : ''}`;
  const args = ['build', ...(which === 2 ? ['-tags', 'build2'] : []), '-ldflags', ldflags, '-o', out, '.'];
  const result = run('go', args, SOURCE);
  if (result.code !== 0) throw new Error(`go build failed: ${result.stderr}`);
  return out;
}

/** The GNU build id note of an ELF file, as readelf prints it (the id runtime/pprof writes into the mapping). */
function gnuBuildId(binary: string): string {
  const id = /Build ID: ([0-9a-f]+)/.exec(run('readelf', ['-n', binary]).stdout)?.[1];
  if (!id) throw new Error(`${binary} has no GNU build id`);
  return id;
}

/** Services still running: killed after the tests if one failed half-way. */
const running = new Set<ChildProcess>();

function start(binary: string): Promise<Service> {
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  return new Promise((resolve, reject) => {
    let text = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${binary} exited ${code} before it listened`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /listening (\S+) pid (\d+)/.exec(text);
      if (m) resolve({ child, addr: m[1] as string, pid: Number(m[2]) });
    });
  });
}

function stop(service: Service): Promise<void> {
  return new Promise((resolve) => {
    service.child.removeAllListeners('exit');
    service.child.once('exit', () => {
      running.delete(service.child);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

/** GETs a pprof endpoint while two clients keep /work busy, and records the request's interval. */
async function capture(service: Service, path: string, file: string): Promise<{ at: number; done: number }> {
  let loading = true;
  const load = async (): Promise<void> => {
    while (loading) await (await fetch(`http://${service.addr}/work`)).text();
  };
  const loaders = [load(), load()];
  const at = Date.now();
  const response = await fetch(`http://${service.addr}${path}`);
  const body = new Uint8Array(await response.arrayBuffer());
  const done = Date.now();
  loading = false;
  await Promise.all(loaders);
  expect(response.status).toBe(200);
  writeFileSync(file, body);
  return { at, done };
}

describe(`Go net/http/pprof captures of a service restarted with another build${skipMessage}`, () => {
  let dir: string;
  let db: string;
  const captures: Capture[] = [];
  const pids: number[] = [];
  const buildIds: string[] = [];

  beforeAll(async () => {
    if (missing.length > 0) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-go-producer-'));
    db = join(dir, 'kiln.db');
    const binaries = [build(dir, 1), build(dir, 2)];
    buildIds.push(...binaries.map(gnuBuildId));
    const goIds = binaries.map((b) => run('go', ['tool', 'buildid', b]).stdout.trim());
    expect(goIds[0]).not.toBe(goIds[1]);
    expect(buildIds[0]).not.toBe(buildIds[1]);
    const plan: [1 | 2, 'cpu' | 'heap'][][] = [
      [
        [1, 'cpu'],
        [1, 'cpu'],
        [1, 'heap'],
      ],
      [[2, 'cpu']],
    ];
    for (const [index, steps] of plan.entries()) {
      const service = await start(binaries[index] as string);
      pids.push(service.pid);
      for (const [which, kind] of steps) {
        const file = join(dir, `${captures.length + 1}-${kind}.pb.gz`);
        const path = kind === 'cpu' ? '/debug/pprof/profile?seconds=1' : '/debug/pprof/heap';
        const { at, done } = await capture(service, path, file);
        captures.push({ file, kind, build: which, requestedAtMs: at, answeredAtMs: done });
      }
      await stop(service);
    }
    expect(pids[0]).not.toBe(pids[1]);
    const imported = kiln(db, ['import', '--quiet', ...captures.map((c) => c.file)]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 90_000);
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing.length > 0)(
    'names the service after the binary and places each capture within its request, labelled with its build id',
    () => {
      const items = kilnJson<ListedItem[]>(db, ['ls']);
      const byName = new Map(items.map((item) => [item.name, item]));
      expect(items).toHaveLength(captures.length);
      for (const c of captures) {
        const item = byName.get(c.file.slice(dir.length + 1));
        expect(item).toMatchObject({
          kind: c.kind,
          format: 'pprof',
          service: BINARY,
          timeSource: 'file',
          labels: { build_id: buildIds[c.build - 1] },
        });
        // Date.now() reads whole ms: the request began at or after `requestedAtMs` and ended before `answeredAtMs + 1`.
        expect(item?.capturedAtMs).toBeGreaterThanOrEqual(c.requestedAtMs);
        expect(item?.capturedAtMs).toBeLessThan(c.answeredAtMs + 1);
        // A CPU profile of ?seconds=1 lasts at least that second, and ends before the answer; a heap profile is an
        // instant.
        const endMs = (item?.capturedAtMs ?? 0) + (item?.durationNs ?? 0) / 1e6;
        if (c.kind === 'cpu') expect(item?.durationNs).toBeGreaterThanOrEqual(1e9);
        else expect(item?.durationNs ?? 0).toBe(0);
        expect(endMs).toBeLessThan(c.answeredAtMs + 1);
      }
    },
  );

  it.skipIf(missing.length > 0)(
    'has exactly one marker, the build-id change at build 2’s first capture (a pprof carries no pid)',
    () => {
      const timeline = kilnJson<Timeline>(db, ['timeline']);
      expect(timeline.services.map((s) => s.name)).toEqual([BINARY]);
      const [service] = timeline.services;
      const listed = new Map(kilnJson<ListedItem[]>(db, ['ls']).map((item) => [item.id, item]));
      // In time order, the captures are the producer's, in the order it made them.
      expect(service?.captures.map((c) => listed.get(c.id)?.name)).toEqual(
        captures.map((c) => c.file.slice(dir.length + 1)),
      );
      const firstOfBuild2 = service?.captures[captures.findIndex((c) => c.build === 2)];
      const short = (id: string): string => `${id.slice(0, 8)}…`;
      expect(service?.markers).toEqual([
        {
          atMs: firstOfBuild2?.capturedAtMs,
          label: `build id ${short(buildIds[0] as string)} → ${short(buildIds[1] as string)}`,
          source: 'build-id',
        },
      ]);
    },
  );

  it.skipIf(missing.length > 0)(
    'kiln top over the window of build 1’s two CPU captures equals go tool pprof -top over those files',
    () => {
      const items = kilnJson<ListedItem[]>(db, ['ls']);
      const startOf = (c: Capture): number =>
        items.find((item) => item.name === c.file.slice(dir.length + 1))?.capturedAtMs as number;
      const cpu = captures.filter((c) => c.kind === 'cpu' && c.build === 1);
      expect(cpu).toHaveLength(2);
      // From the first CPU capture's start to 1 ms after the second's: the heap capture came after that second
      // ended, build 2's later still.
      const from = new Date(Math.floor(startOf(cpu[0] as Capture))).toISOString();
      const to = new Date(Math.ceil(startOf(cpu[1] as Capture)) + 1).toISOString();
      const rows = kilnJson<TopRow[]>(db, ['top', `${BINARY}@${from}/${to}`, '--limit', '100000']);
      const theirs = pprofTop(cpu.map((c) => c.file));
      expect(theirs.size).toBeGreaterThan(3);
      expect(topByName(rows)).toEqual(theirs);
      // The header of the human table says what the window holds.
      const human = kiln(db, ['top', `${BINARY}@${from}/${to}`, '--limit', '1']);
      expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`^${BINARY} · cpu · 2 captures · `, 'i'));
    },
  );
});
