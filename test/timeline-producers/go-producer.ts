/**
 * The Go producer of the timeline tests (go-service/), as one function: built twice, the second build with another
 * code path and `-X main.build=2`, so the binary's build id changes; build 1 runs and is captured (CPU twice, heap
 * once), then stopped; build 2 starts (a new pid) and is captured again (CPU). The captures are written into a
 * directory of the caller's, with each request's interval, in the order they were made. Used by the CLI test
 * (go.test.ts) and the end-to-end story (e2e/timeline-story.test.ts).
 *
 * The builds link externally (gcc) because Go's own linker writes no GNU build id note, which is what
 * runtime/pprof puts in the mapping; `go tool buildid` shows the Go build ids differ as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installed, run } from './support';

const SOURCE = join(__dirname, 'go-service');
/** The binary's name: the service Kiln reads from the pprof main mapping. */
export const GO_BINARY = 'kiln-demo';
/**
 * How long the "deploy" between the builds lasts at least: without it the gap between build 1's last capture and
 * build 2's first is only a process restart, a few ms on a fast idle machine, too thin for the e2e story to drag a
 * brush into it; with it the gap is at least this much of a span of about 3.5 s, however fast or loaded the machine.
 */
const RESTART_GAP_MS = 300;

/** The tools the producer needs that are not installed (empty when it can run). */
export function missingGoTools(): string[] {
  return ['go', 'gcc', 'readelf'].filter((tool) => !installed(tool, tool === 'go' ? ['version'] : ['--version']));
}

export interface GoCapture {
  file: string;
  /** The file's name inside the directory (what Kiln lists as the item's name). */
  name: string;
  kind: 'cpu' | 'heap';
  build: 1 | 2;
  /** The request's interval, wall-clock ms: the capture must start inside it. */
  requestedAtMs: number;
  answeredAtMs: number;
}

export interface GoCaptures {
  captures: GoCapture[];
  /** The process id of each build's run. */
  pids: number[];
  /** Each build's GNU build id, as readelf prints it. */
  buildIds: string[];
  /** Each build's Go build id (`go tool buildid`). */
  goBuildIds: string[];
}

/** A Go service the producers started: it printed "listening ADDR pid PID" once it served. */
export interface GoService {
  child: ChildProcess;
  addr: string;
  pid: number;
}

/** Builds go-service/ into DIR/buildN/GO_BINARY; build 2 with the `build2` tag (SHA-512 work) and -X main.build=2. */
function build(dir: string, which: 1 | 2): string {
  const out = join(dir, `build${which}`, GO_BINARY);
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

/** Starts a producer's Go service (extra environment variables on top of this process's) and waits until it listens. */
export function startGoService(binary: string, env: Record<string, string> = {}): Promise<GoService> {
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
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

/** Stops a service startGoService started, once it has exited. */
export function stopGoService(service: GoService): Promise<void> {
  return new Promise((resolve) => {
    service.child.removeAllListeners('exit');
    service.child.once('exit', () => resolve());
    service.child.kill('SIGTERM');
  });
}

/** GETs a pprof endpoint while two clients keep /work busy, and records the request's interval. */
async function capture(service: GoService, path: string, file: string): Promise<{ at: number; done: number }> {
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
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  writeFileSync(file, body);
  return { at, done };
}

/** Runs the producer and writes its captures into `dir` (`1-cpu.pb.gz`, `2-cpu.pb.gz`, `3-heap.pb.gz`, `4-cpu.pb.gz`). */
export async function produceGoCaptures(dir: string): Promise<GoCaptures> {
  const binaries = [build(dir, 1), build(dir, 2)];
  const buildIds = binaries.map(gnuBuildId);
  const goBuildIds = binaries.map((b) => run('go', ['tool', 'buildid', b]).stdout.trim());
  const plan: [1 | 2, 'cpu' | 'heap'][][] = [
    [
      [1, 'cpu'],
      [1, 'cpu'],
      [1, 'heap'],
    ],
    [[2, 'cpu']],
  ];
  const captures: GoCapture[] = [];
  const pids: number[] = [];
  for (const [index, steps] of plan.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, RESTART_GAP_MS));
    const service = await startGoService(binaries[index] as string);
    pids.push(service.pid);
    try {
      for (const [which, kind] of steps) {
        const name = `${captures.length + 1}-${kind}.pb.gz`;
        const file = join(dir, name);
        const path = kind === 'cpu' ? '/debug/pprof/profile?seconds=1' : '/debug/pprof/heap';
        const { at, done } = await capture(service, path, file);
        captures.push({ file, name, kind, build: which, requestedAtMs: at, answeredAtMs: done });
      }
    } finally {
      await stopGoService(service);
    }
  }
  return { captures, pids, buildIds, goBuildIds };
}
