/**
 * The Go producer of the comparison test (go-regression/): one service built twice, the second build with 120
 * `sha256.Sum256` calls of 64 KiB added inside `main.handleCheckout` (its own loop unchanged); the builds run in
 * turn, twice each, under the same steady load, each run captured once (/debug/pprof/profile?seconds=6).
 *
 * The load is a fixed request rate per endpoint, not "as fast as it answers": at a fixed rate the CPU each second of
 * the unchanged code (the handler's own loop, the control) is the rate times its cost per request, the same in both
 * builds, whereas a closed loop would run the control faster once the checkout got cheaper or slower. At 100
 * requests/s each, on this 2-core machine shared with other tests (load average 7–9), the 5 s windows saw 428–947
 * requests of each kind instead of 500 (the client, starved, sent them in bursts); at 10 requests/s the 6 s windows
 * see 60–63 of 60 (the service's counters, /stats, around each capture). Build 2 wants about
 * 10 × (4.9 + ~18 + 5.5 + net/http) ≈ 0.3 s/s, build 1 about 0.11 s/s.
 *
 * The service runs with GOMAXPROCS=1. With two Ps the control's CPU per second was lower in build 2 in 8 runs of 8
 * (3–40%); at 50 requests/s, 3 runs: 68 → 41, 72 → 63, 81 → 57 samples (p 0.0094, 0.39, 0.033), while its cost
 * per request by the thread's CPU clock is the same with or without hashing beside it (1.10 ± 0.02 ms, measured)
 * and the service's counters showed 300–346 of each request per window. Go's CPU profile is per-thread CPU-time
 * timers (Go 1.18+), which the kernel checks on its tick (250 Hz here): a thread that runs in short bursts is
 * caught late, and an overdue timer sends one signal however many periods it is late, so how many samples a
 * function keeps may depend on how the threads' bursts fall, which the build's hashing changes (a hypothesis: the
 * bias is measured, its cause is not). With one thread carrying every request the control still lost up to 55% of
 * its samples in build 2 (77 → 34, p 4e-5), and so did 0.37 ms handler loops. So each request's unchanged work is
 * one burst longer than the tick, and then the counts follow rate × cost in both builds (see the test's log line).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGoService, stopGoService, type GoService } from '../timeline-producers/go-producer';
import { installed, run } from '../timeline-producers/support';

const SOURCE = join(__dirname, 'go-regression');
/**
 * Requests per second to each endpoint: the checkout's own loop ~4.9 ms, the control ~5.5 ms, so the unchanged work
 * comes in bursts longer than the kernel's 4 ms tick (see above).
 */
export const CHECKOUT_PER_SECOND = 10;
export const CONTROL_PER_SECOND = 10;
/** Each CPU capture's length; two per build, so each side profiles 12 s (Go samples at 100 Hz of CPU time). */
export const CAPTURE_SECONDS = 6;
const CAPTURES_PER_BUILD = 2;
/** Load before the first capture, so connections are open and the heap has settled. */
const WARM_UP_MS = 500;

/** The tools the producer needs that are not installed (empty when it can run): go, and gcc for net's cgo. */
export function missingRegressionTools(): string[] {
  return ['go', 'gcc'].filter((tool) => !installed(tool, tool === 'go' ? ['version'] : ['--version']));
}

export interface RegressionCaptures {
  /** Build 1's CPU captures (the base), in the order made. */
  base: string[];
  /** Build 2's (the target). */
  target: string[];
  /** Requests each capture's window saw served, per endpoint (the service's counters before and after it). */
  served: { file: string; checkout: number; control: number }[];
}

/** Builds go-regression/ into DIR/buildN/checkout; build 2 with the `build2` tag. */
function build(dir: string, which: 1 | 2): string {
  const out = join(dir, `build${which}`, 'checkout');
  const result = run('go', ['build', ...(which === 2 ? ['-tags', 'build2'] : []), '-o', out, '.'], SOURCE);
  if (result.code !== 0) throw new Error(`go build failed: ${result.stderr}`);
  return out;
}

/**
 * GETs `url` at a fixed rate until stopped: every few ms it sends the requests due since the start (rate × elapsed),
 * so a late timer sends a burst rather than losing requests and the count over any window is the rate's. Stopping
 * waits for the requests in flight and fails if any failed.
 */
function steadyLoad(url: string, perSecond: number): { stop: () => Promise<void> } {
  const started = performance.now();
  let sent = 0;
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    for (; sent < due; sent++) {
      const request: Promise<void> = fetch(url)
        .then(async (response) => {
          await response.text();
          if (response.status !== 200) failures.push(`HTTP ${response.status}`);
        })
        .catch((error: unknown) => void failures.push(String(error)))
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }, 2);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      if (failures.length > 0)
        throw new Error(`${failures.length} of ${sent} requests to ${url} failed: ${failures[0]}`);
    },
  };
}

async function download(url: string, file: string): Promise<void> {
  const response = await fetch(url);
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  writeFileSync(file, body);
}

/** The service's served counters: checkout, control. */
async function servedCounts(service: GoService): Promise<[number, number]> {
  const text = await (await fetch(`http://${service.addr}/stats`)).text();
  const [checkout, control] = text.split(' ').map(Number);
  return [checkout as number, control as number];
}

/**
 * Runs the builds in turn, 1 2 1 2, each under the same load for one capture, and writes their CPU captures into
 * `dir` (`v1-1.pb.gz`, `v2-1.pb.gz`, `v1-2.pb.gz`, `v2-2.pb.gz`). Alternating rather than 1 1 2 2 puts any drift of
 * the machine over the ~25 s (this runs beside other tests on a shared, loaded machine) into both sides alike.
 */
export async function produceRegressionCaptures(dir: string): Promise<RegressionCaptures> {
  mkdirSync(dir, { recursive: true });
  const binaries = [build(dir, 1), build(dir, 2)];
  const captures: RegressionCaptures = { base: [], target: [], served: [] };
  for (let n = 1; n <= CAPTURES_PER_BUILD; n++) {
    for (const [index, binary] of binaries.entries()) {
      const file = join(dir, `v${index + 1}-${n}.pb.gz`);
      captures.served.push(await captureRun(binary, file));
      (index === 0 ? captures.base : captures.target).push(file);
    }
  }
  return captures;
}

/** Starts the binary, loads it steadily, captures CPU for CAPTURE_SECONDS into `file`, and stops it. */
async function captureRun(binary: string, file: string): Promise<RegressionCaptures['served'][number]> {
  const service = await startGoService(binary, { GOMAXPROCS: '1' });
  const loads = [
    steadyLoad(`http://${service.addr}/checkout`, CHECKOUT_PER_SECOND),
    steadyLoad(`http://${service.addr}/control`, CONTROL_PER_SECOND),
  ];
  try {
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const before = await servedCounts(service);
    await download(`http://${service.addr}/debug/pprof/profile?seconds=${CAPTURE_SECONDS}`, file);
    const after = await servedCounts(service);
    return { file, checkout: after[0] - before[0], control: after[1] - before[1] };
  } finally {
    const stopped = await Promise.allSettled(loads.map((load) => load.stop()));
    await stopGoService(service);
    const failed = stopped.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
