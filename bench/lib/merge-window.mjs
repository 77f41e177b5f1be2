/**
 * Merging a window of 1,000 CPU captures into a flame tree (issue 11): the
 * captures are real Go CPU profiles (cpu-window-input.mjs), imported with the
 * built CLI into a fresh store as one service. Kiln's time is getFlameTree of
 * the window spanning them, measured two ways:
 * (a) in process (bench/merge-in-process.mjs): the query services in a Node
 *     process with the store opened as the app's query workers open it; the
 *     merge itself, what the ratio against pprof uses;
 * (b) through `kiln serve` over HTTP as the page asks it (query worker, JSON
 *     text), timed from request to the last byte of the answer.
 * Each: the first call after opening apart (cold: first SQLite reads, JIT);
 * then `runs` warm calls, min and median. The peer is `go tool pprof -proto
 * FILES > merged.pb.gz` on the same files, a fresh process per run. Both
 * totals are checked to be equal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { tempDir } from './cleanup.mjs';
import { ensureCpuWindowProfiles } from './cpu-window-input.mjs';
import { startKilnServe, timedServeCalls } from './kiln-serve.mjs';
import { measureProcess } from './measure-process.mjs';
import { KILN_BIN, ROOT } from './paths.mjs';
import { median } from './stats.mjs';
import { runInProcess } from './in-process-calls.mjs';

export const MERGE_GOALS = { kilnMs: 200, speedup: 20 };
const SERVICE = 'checkout';

/** @returns {Promise<object>} `{ ok: false, why }` or the measurements (see report.mjs mergeRows). */
// `withStore`: called with the imported store ({ dbPath, files, items, importMs }) once the merge is measured, before
// the store is removed: the diff step (diff-window.mjs) reuses it rather than import the 1,000 files again (~27 s).
export async function benchMergeWindow({ runs = 7, peerRuns = 3, log, filesDir = null, withStore = null }) {
  // `filesDir` (--merge-dir): the .pb.gz files of a folder instead of the generated set, which is neither made nor read.
  const input = filesDir === null ? await ensureCpuWindowProfiles(log) : givenProfiles(filesDir);
  if ('error' in input) return { ok: false, why: input.error };
  const { files } = input;
  log(
    filesDir !== null
      ? `merge: ${files.length} Go CPU profiles from ${filesDir} (--merge-dir)`
      : input.cached
        ? `merge: ${files.length} cached Go CPU profiles (generated in ${input.generatedS.toFixed(0)} s on ${input.generatedAt})`
        : `merge: generated ${files.length} Go CPU profiles in ${input.generatedS.toFixed(0)} s`,
  );
  const scratch = tempDir('kiln-bench-merge-');
  try {
    const dbPath = join(scratch.dir, 'kiln.db');
    log(`merge: kiln import --service ${SERVICE} of ${files.length} files`);
    const imported = await measureProcess(
      process.execPath,
      [KILN_BIN, 'import', '--service', SERVICE, '--db', dbPath, '--json', ...files],
      { timeoutMs: 900_000, cwd: ROOT },
    );
    const report = parseJson(imported.stdout);
    if (imported.code !== 0 || report?.imported?.length !== files.length)
      return {
        ok: false,
        why: `kiln import failed (exit ${imported.code}): ${imported.stderr.trim().split('\n').at(-1) ?? ''}`,
      };
    log(`  ${(imported.wallMs / 1000).toFixed(1)} s`);

    const listed = await measureProcess(
      process.execPath,
      [KILN_BIN, 'ls', '--service', SERVICE, '--db', dbPath, '--json'],
      {
        cwd: ROOT,
      },
    );
    const items = parseJson(listed.stdout) ?? [];
    const starts = items.map((item) => item.capturedAtMs).filter((ms) => typeof ms === 'number');
    if (items.length !== files.length || starts.length !== files.length)
      return { ok: false, why: `kiln ls lists ${items.length} items, ${starts.length} with a capture time` };
    const ends = items.map((item) => item.capturedAtMs + Math.ceil((item.durationNs ?? 0) / 1e6));
    // The window a user brushes over the whole run: first capture's start to just past the last one's end.
    const window = { startMs: Math.min(...starts), endMs: Math.max(...ends) + 1 };
    const sampleType = items[0].sampleTypes.findIndex((t) => t.type === 'cpu');
    const args = { selection: { service: SERVICE, window }, sampleType };

    log(`merge: getFlameTree in process (${runs} warm calls)`);
    const inProcessRun = await runInProcess('merge-in-process', dbPath, args, runs);
    if (inProcessRun.failed) return { ok: false, why: inProcessRun.failed };
    const inProcess = inProcessRun.result;
    log(
      `  in process: cold ${inProcess.coldMs.toFixed(0)} ms, warm ${inProcess.warmMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );

    const serve = await startKilnServe({ dbPath });
    // The server's CPU time per call (/proc, all its threads; 10 ms ticks): what the merge costs, whatever else runs.
    let served;
    try {
      served = await timedServeCalls(serve, 'getFlameTree', args, runs, processCpuMs);
    } finally {
      await serve.stop();
    }
    if (served.failed !== null) return { ok: false, why: served.failed };
    const kilnMs = served.wallMs;
    const kilnCpuMs = served.callCpuMs;
    const tree = served.first;
    log(
      `  kiln serve getFlameTree: cold ${kilnMs[0].toFixed(0)} ms, warm ${kilnMs
        .slice(1)
        .map((ms) => ms.toFixed(0))
        .join(', ')} ms`,
    );

    const merged = join(scratch.dir, 'merged.pb.gz');
    const peerMs = [];
    const peerCpuMs = [];
    for (let i = 0; i < peerRuns; i++) {
      log(`merge: go tool pprof -proto of ${files.length} files (run ${i + 1}/${peerRuns})`);
      // `go tool pprof -proto FILES > out`, as a user runs it: the shell only redirects (exec).
      const run = await measureProcess('sh', ['-c', 'exec go tool pprof -proto "$@" > "$0"', merged, ...files], {
        timeoutMs: 600_000,
        cwd: ROOT,
      });
      if (run.code !== 0)
        return { ok: false, why: `go tool pprof -proto failed (exit ${run.code}): ${run.stderr.trim()}` };
      peerMs.push(run.wallMs);
      if (run.cpuMs !== null) peerCpuMs.push(run.cpuMs);
      log(`  ${(run.wallMs / 1000).toFixed(2)} s`);
    }
    const peerTotal = profileTotal(readFileSync(merged), 'cpu');
    await withStore?.({ dbPath, files, items, importMs: imported.wallMs });
    const warm = kilnMs.slice(1);
    const warmCpu = kilnCpuMs.slice(1);
    return {
      ok: true,
      captures: files.length,
      generatedS: input.generatedS,
      generatedCached: input.cached,
      importMs: imported.wallMs,
      nodes: tree.func.length,
      input: captureStats(files),
      inProcess: {
        openMs: inProcess.openMs,
        coldMs: inProcess.coldMs,
        minMs: Math.min(...inProcess.warmMs),
        medianMs: median(inProcess.warmMs),
        allMs: inProcess.warmMs,
        coldCpuMs: inProcess.coldCpuMs,
        medianCpuMs: median(inProcess.warmCpuMs),
        jsonMs: median(inProcess.jsonMs),
        total: inProcess.total,
      },
      kiln: {
        coldMs: kilnMs[0],
        minMs: Math.min(...warm),
        medianMs: median(warm),
        allMs: warm,
        coldCpuMs: kilnCpuMs[0],
        meanCpuMs: warmCpu.reduce((a, b) => a + b, 0) / warmCpu.length,
      },
      pprof: {
        minMs: Math.min(...peerMs),
        medianMs: median(peerMs),
        allMs: peerMs,
        medianCpuMs: peerCpuMs.length ? median(peerCpuMs) : null,
      },
      loadAverage: loadavg(),
      totals: {
        kiln: tree.total[0],
        pprof: peerTotal,
        equal: tree.total[0] === peerTotal && inProcess.total === peerTotal,
      },
    };
  } finally {
    await scratch.remove();
  }
}

/** The .pb.gz files of `dir`, in name order, as ensureCpuWindowProfiles describes its set. */
function givenProfiles(dir) {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.pb.gz'))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) return { error: `no .pb.gz files in ${dir}` };
  return { dir, files, generatedS: null, generatedAt: null, cached: true, key: null };
}

/** User + system CPU milliseconds a process has used so far (all its threads), from /proc/PID/stat. */
function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Samples per capture (min, mean) and distinct stacks per capture (mean; by location, as pprof -raw lists them). */
function captureStats(files) {
  let minSamples = Infinity;
  let samples = 0;
  let stacks = 0;
  for (const file of files) {
    const profile = Profile.decode(gunzipSync(readFileSync(file)));
    let count = 0;
    for (const sample of profile.sample) count += Number(sample.value[0]);
    minSamples = Math.min(minSamples, count);
    samples += count;
    stacks += new Set(profile.sample.map((sample) => sample.locationId.join(','))).size;
  }
  return { minSamples, meanSamples: samples / files.length, meanStacks: stacks / files.length, samples };
}

/** The sum of a pprof file's values of sample type `type`. */
function profileTotal(gzipped, type) {
  const profile = Profile.decode(gunzipSync(gzipped));
  const index = profile.sampleType.findIndex((t) => profile.stringTable.strings[Number(t.type)] === type);
  let total = 0;
  for (const sample of profile.sample) total += Number(sample.value[index]);
  return total;
}
