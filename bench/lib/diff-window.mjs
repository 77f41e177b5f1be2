/**
 * Comparing two windows of 500 CPU captures (issue 12): the 1,000 Go CPU profiles of the merge step
 * (cpu-window-input.mjs), imported as one service, split by capture time into BASE (the first 500) and TARGET (the
 * last 500). The sides are item-id selections: the profiles were written by 4 processes at once, and at the split a
 * base capture still runs when the first target one starts, so two windows (each takes every capture overlapping
 * it) would share it.
 * Kiln's time is getDiff (mode absolute, limit 50, the CPU sample type), measured two ways as merge-window.mjs
 * measures getFlameTree: (a) in process (bench/diff-in-process.mjs), (b) through `kiln serve` (POST
 * /api/call/getDiff, request to last byte); the first call (cold) apart, then `runs` warm calls. The peer is the
 * pipeline a pprof user runs, fresh processes each run: `go tool pprof -proto BASE_FILES > base.pb.gz`, then
 * `go tool pprof -top -diff_base=base.pb.gz TARGET_FILES`; the two are timed apart and summed. Kiln's rows are
 * checked against pprof's: each row's delta (total, self) equals `-diff_base`'s cum and flat for its function
 * (test/fixtures/pprof-top.ts reads pprof, as test/cli-diff.test.ts does).
 */
import { basename, join } from 'node:path';
import { loadavg } from 'node:os';
import { readdirSync } from 'node:fs';
import { tempDir } from './cleanup.mjs';
import { ensureCpuWindowProfiles } from './cpu-window-input.mjs';
import { startKilnServe, timedServeCalls } from './kiln-serve.mjs';
import { measureProcess } from './measure-process.mjs';
import { KILN_BIN, ROOT } from './paths.mjs';
import { requireSources } from './require-sources.mjs';
import { median } from './stats.mjs';
import { runInProcess } from './in-process-calls.mjs';

export const DIFF_GOALS = { kilnMs: 300 };
const SERVICE = 'checkout';
const SIDE = 500;
const LIMIT = 50;

/**
 * `store`: the merge step's imported store ({ dbPath, files, items, importMs }), shared so that a whole run imports
 * the 1,000 files once (~27 s); without it (--diff-only) this step imports them itself.
 * @returns {Promise<object>} `{ ok: false, why }` or the measurements (see report-diff.mjs).
 */
export async function benchDiffWindow({ runs = 7, peerRuns = 3, log, store = null, filesDir = null }) {
  const scratch = tempDir('kiln-bench-diff-');
  try {
    let shared = store;
    if (shared === null) {
      const imported = await importWindow({ log, filesDir, dir: scratch.dir });
      if ('error' in imported) return { ok: false, why: imported.error };
      shared = imported;
    } else log(`diff: the merge step's store (${shared.items.length} items)`);
    const { dbPath, files, items } = shared;
    if (items.length < 2 * SIDE) return { ok: false, why: `${items.length} captures, need ${2 * SIDE}` };

    // By capture time (then id): the first 500 are the base, the last 500 the target.
    const byTime = [...items].sort((a, b) => a.capturedAtMs - b.capturedAtMs || a.id - b.id);
    const baseItems = byTime.slice(0, SIDE);
    const targetItems = byTime.slice(-SIDE);
    const fileOf = new Map(files.map((file) => [basename(file), file]));
    const filesOf = (side) => side.map((item) => fileOf.get(item.name));
    const baseFiles = filesOf(baseItems);
    const targetFiles = filesOf(targetItems);
    if ([...baseFiles, ...targetFiles].some((file) => file === undefined))
      return { ok: false, why: 'an item names no file of the set' };
    const sampleType = targetItems[0].sampleTypes.findIndex((t) => t.type === 'cpu');
    const args = {
      base: { items: baseItems.map((item) => item.id) },
      target: { items: targetItems.map((item) => item.id) },
      sampleType,
      mode: 'absolute',
      limit: LIMIT,
    };
    const span = (side) => ({
      fromMs: side[0].capturedAtMs,
      toMs: Math.max(...side.map((item) => item.capturedAtMs + Math.ceil((item.durationNs ?? 0) / 1e6))),
    });

    log(`diff: getDiff in process (${runs} warm calls)`);
    const inProcessRun = await runInProcess('diff-in-process', dbPath, args, runs);
    if (inProcessRun.failed) return { ok: false, why: inProcessRun.failed };
    const inProcess = inProcessRun.result;
    log(
      `  in process: cold ${inProcess.coldMs.toFixed(0)} ms, warm ${inProcess.warmMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );

    const serve = await startKilnServe({ dbPath });
    let call;
    try {
      call = await timedServeCalls(serve, 'getDiff', args, runs);
    } finally {
      await serve.stop();
    }
    if (call.failed !== null) return { ok: false, why: call.failed };
    const kilnMs = call.wallMs;
    const served = call.first;
    log(
      `  kiln serve getDiff: cold ${kilnMs[0].toFixed(0)} ms, warm ${kilnMs
        .slice(1)
        .map((ms) => ms.toFixed(0))
        .join(', ')} ms`,
    );

    const baseProfile = join(scratch.dir, 'base.pb.gz');
    const peer = { mergeMs: [], diffMs: [], totalMs: [], cpuMs: [] };
    for (let i = 0; i < peerRuns; i++) {
      log(`diff: go tool pprof -proto (${SIDE} files) + -top -diff_base (${SIDE} files), run ${i + 1}/${peerRuns}`);
      // As a user runs them: the shell only redirects (exec).
      const merge = await measureProcess(
        'sh',
        ['-c', 'exec go tool pprof -proto "$@" > "$0"', baseProfile, ...baseFiles],
        {
          timeoutMs: 600_000,
          cwd: ROOT,
        },
      );
      if (merge.code !== 0)
        return { ok: false, why: `go tool pprof -proto failed (exit ${merge.code}): ${merge.stderr.trim()}` };
      const diff = await measureProcess('go', ['tool', 'pprof', '-top', `-diff_base=${baseProfile}`, ...targetFiles], {
        timeoutMs: 600_000,
        cwd: ROOT,
      });
      if (diff.code !== 0)
        return { ok: false, why: `go tool pprof -diff_base failed (exit ${diff.code}): ${diff.stderr.trim()}` };
      peer.mergeMs.push(merge.wallMs);
      peer.diffMs.push(diff.wallMs);
      peer.totalMs.push(merge.wallMs + diff.wallMs);
      if (merge.cpuMs !== null && diff.cpuMs !== null) peer.cpuMs.push(merge.cpuMs + diff.cpuMs);
      log(`  ${(merge.wallMs / 1000).toFixed(2)} s + ${(diff.wallMs / 1000).toFixed(2)} s`);
    }

    log('diff: checking the rows against go tool pprof -top -diff_base (every node)');
    const check = await compareWithPprof(inProcess, served, baseProfile, targetFiles);
    const warm = kilnMs.slice(1);
    const answer = inProcess.answer;
    return {
      ok: true,
      captures: items.length,
      side: SIDE,
      limit: LIMIT,
      importMs: shared.importMs,
      importShared: store !== null,
      spans: { base: span(baseItems), target: span(targetItems) },
      totals: { base: answer.base.total, target: answer.target.total },
      rows: answer.rows.length,
      significantRows: answer.rows.filter((row) => row.significant).length,
      suspects: answer.suspects.map((suspect) => suspect.function),
      inProcess: {
        openMs: inProcess.openMs,
        coldMs: inProcess.coldMs,
        minMs: Math.min(...inProcess.warmMs),
        medianMs: median(inProcess.warmMs),
        allMs: inProcess.warmMs,
        coldCpuMs: inProcess.coldCpuMs,
        medianCpuMs: median(inProcess.warmCpuMs),
        jsonMs: median(inProcess.jsonMs),
      },
      kiln: { coldMs: kilnMs[0], minMs: Math.min(...warm), medianMs: median(warm), allMs: warm },
      pprof: {
        medianMs: median(peer.totalMs),
        minMs: Math.min(...peer.totalMs),
        allMs: peer.totalMs,
        mergeMedianMs: median(peer.mergeMs),
        diffMedianMs: median(peer.diffMs),
        mergeAllMs: peer.mergeMs,
        diffAllMs: peer.diffMs,
        medianCpuMs: peer.cpuMs.length ? median(peer.cpuMs) : null,
      },
      check,
      loadAverage: loadavg(),
    };
  } finally {
    await scratch.remove();
  }
}

/**
 * Kiln's rows against `go tool pprof -top -diff_base` of the same sets: for each function of the top rows, its delta
 * total and self folded over every row of its name (`byName`: pprof -top folds one name in two files, kiln keeps
 * them apart) equal pprof's cum and flat; and the served answer's rows equal the in-process ones.
 * `{ agree, checked, pprofFunctions, firstDisagreement }`.
 */
async function compareWithPprof({ answer, byName }, served, baseProfile, targetFiles) {
  const { pprofTop } = await requireSources('pprof-top', "export { pprofTop } from './test/fixtures/pprof-top';", []);
  const pprof = pprofTop(targetFiles, [`-diff_base=${baseProfile}`]);
  const folded = new Map(answer.rows.map((row) => [row.function, byName[row.function] ?? { self: NaN, total: NaN }]));
  let firstDisagreement = null;
  for (const [name, kiln] of folded) {
    const peer = pprof.get(name) ?? { flat: 0, cum: 0 };
    if (kiln.total !== peer.cum || kiln.self !== peer.flat) {
      firstDisagreement = `${name}: Kiln delta total ${kiln.total}, self ${kiln.self}; pprof cum ${peer.cum}, flat ${peer.flat}`;
      break;
    }
  }
  const key = (rows) => JSON.stringify(rows.map((row) => [row.function, row.file, row.delta]));
  if (firstDisagreement === null && key(served.rows) !== key(answer.rows))
    firstDisagreement = 'the rows through kiln serve differ from the rows in process';
  return { agree: firstDisagreement === null, checked: folded.size, pprofFunctions: pprof.size, firstDisagreement };
}

/** The 1,000 profiles imported with the built CLI into a fresh store under `dir` as one service, as merge-window.mjs does. */
async function importWindow({ log, filesDir, dir }) {
  const input = filesDir === null ? await ensureCpuWindowProfiles(log) : givenProfiles(filesDir);
  if ('error' in input) return input;
  const { files } = input;
  const dbPath = join(dir, 'kiln.db');
  log(`diff: kiln import --service ${SERVICE} of ${files.length} files`);
  const imported = await measureProcess(
    process.execPath,
    [KILN_BIN, 'import', '--service', SERVICE, '--db', dbPath, '--json', ...files],
    { timeoutMs: 900_000, cwd: ROOT },
  );
  const report = parseJson(imported.stdout);
  if (imported.code !== 0 || report?.imported?.length !== files.length)
    return { error: `kiln import failed (exit ${imported.code}): ${imported.stderr.trim().split('\n').at(-1) ?? ''}` };
  log(`  ${(imported.wallMs / 1000).toFixed(1)} s`);
  const items = await listItems(dbPath);
  if (items.length !== files.length) return { error: `kiln ls lists ${items.length} items of ${files.length}` };
  return { dbPath, files, items, importMs: imported.wallMs };
}

/** `kiln ls --service checkout --json` of a store. */
export async function listItems(dbPath) {
  const listed = await measureProcess(
    process.execPath,
    [KILN_BIN, 'ls', '--service', SERVICE, '--db', dbPath, '--json'],
    { cwd: ROOT },
  );
  return (parseJson(listed.stdout) ?? []).filter((item) => typeof item.capturedAtMs === 'number');
}

function givenProfiles(dir) {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.pb.gz'))
    .sort()
    .map((name) => join(dir, name));
  return files.length ? { files } : { error: `no .pb.gz files in ${dir}` };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
