#!/usr/bin/env node
/**
 * `npm run bench`: Kiln against its peers on the large corpus files.
 *   1. import + index: `kiln import` vs `go tool pprof -top` (wall time, peak RSS);
 *   2. drop → first flame-graph paint in Chromium: Kiln vs speedscope;
 *   3. frame time while zooming the largest Kiln flame graph;
 *   4. merging a window of 1,000 Go CPU captures into a flame tree: Kiln's getFlameTree vs `go tool pprof -proto`;
 *   4b. comparing two windows of 500 of those captures: Kiln's getDiff vs `go tool pprof -proto` + `-diff_base`;
 *   5. the timeline of 10,000 captures in Chromium: first draw, and frame times while panning and zooming.
 * Prints a markdown table, writes bench/results/latest.{md,json}; with
 * --write-benchmarks also rewrites BENCHMARKS.md. Exit codes: 0 measured (goals
 * met or not), 1 harness error, 2 inputs missing, 3 overall deadline reached.
 *
 * Options: --runs N (import repetitions, default 1), --frames N (zoom clicks,
 * each followed by an Esc; default 60), --paint-timeout S (per first paint,
 * default 120), --deadline S (whole run, default 1800), --write-benchmarks,
 * --skip-generated (leave out the 200 MB+ Go heap profile the bench makes with
 * bench/producers/go-wide-heap and caches; see lib/generated-input.mjs), --merge-only (only step 4, which
 * needs neither the corpus nor Chromium; its 1,000 profiles are made once by bench/producers/go-cpu-window),
 * --merge-runs N (warm getFlameTree calls, default 7), --merge-dir DIR (step 4 on the .pb.gz files of DIR instead
 * of the generated set, which is then neither made nor read), --timeline-only (only step 5, which needs Chromium and the
 * store lib/timeline-input.mjs makes once from the step 4 profiles and the go-service corpus), --timeline-loads N
 * (page loads for the first draw, default 5), --timeline-scale F (F × the captures, for a quick run of the step; the
 * goal is for 1), --diff-only (only step 4b, on its own import of step 4's profiles; in a whole run it reuses step
 * 4's store), --diff-runs N (warm getDiff calls, default 7).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, installCleanupHandlers } from './lib/cleanup.mjs';
import { kilnFirstPaint } from './lib/first-paint-kiln.mjs';
import { speedscopeFirstPaint, stopSpeedscopeServer } from './lib/first-paint-speedscope.mjs';
import { benchFrames } from './lib/frame-times.mjs';
import { benchImport, fileSizes } from './lib/import-bench.mjs';
import { ensureGeneratedPprof, HUGE_HEAP } from './lib/generated-input.mjs';
import { benchMergeWindow } from './lib/merge-window.mjs';
import { benchDiffWindow } from './lib/diff-window.mjs';
import { benchTimeline } from './lib/timeline-frames.mjs';
import { ensureTimelineStore, scaledTimelineInput } from './lib/timeline-input.mjs';
import { describeMachine } from './lib/machine.mjs';
import { CHROMIUM_PATH, FILES, KILN_BUILT, RESULTS_DIR, ROOT, missingInputs } from './lib/paths.mjs';
import { markdownTable, renderBenchmarksMd, renderResults, tableRows, goalVerdicts } from './lib/report.mjs';
import { ensureSpeedscope } from './lib/speedscope-install.mjs';
import { writeFormatted } from './lib/write-formatted.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    frames: { type: 'string', default: '60' },
    'paint-timeout': { type: 'string', default: '120' },
    deadline: { type: 'string', default: '1800' },
    'write-benchmarks': { type: 'boolean', default: false },
    'skip-generated': { type: 'boolean', default: false },
    // Also the ~1 GB (uncompressed) Go heap profile: about 16 min and 14 GB of RAM to make once, minutes to import.
    huge: { type: 'boolean', default: false },
    'merge-only': { type: 'boolean', default: false },
    'merge-runs': { type: 'string', default: '7' },
    'merge-dir': { type: 'string' },
    'diff-only': { type: 'boolean', default: false },
    'diff-runs': { type: 'string', default: '7' },
    'timeline-only': { type: 'boolean', default: false },
    'timeline-loads': { type: 'string', default: '5' },
    'timeline-scale': { type: 'string', default: '1' },
  },
});
const runs = Math.max(1, Number(opts.runs) || 1);
const frames = Math.max(1, Number(opts.frames) || 60);
const paintTimeoutMs = Math.max(10, Number(opts['paint-timeout']) || 120) * 1000;
const deadlineMs = Math.max(60, Number(opts.deadline) || 1800) * 1000;

const t0 = Date.now();
const log = (message) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function main() {
  if (opts['merge-only']) return mergeOnly();
  if (opts['diff-only']) return diffOnly();
  if (opts['timeline-only']) return timelineOnly();
  const missing = missingInputs();
  if (missing.length) {
    console.error(`bench: cannot run, missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    console.error(
      'The large corpus is expected beside this clone (../shared/corpus/generated/large) or in $KILN_BENCH_CORPUS.',
    );
    return 2;
  }
  installCleanupHandlers(deadlineMs);
  const notes = [];
  let speedscope = null;
  try {
    speedscope = ensureSpeedscope(log);
  } catch (error) {
    notes.push(`speedscope could not be installed: ${error.message}`);
  }

  const inputs = [...FILES];
  if (opts['skip-generated']) notes.push('The generated 200 MB+ Go heap profile was skipped (--skip-generated).');
  else {
    const generated = ensureGeneratedPprof(log);
    if ('error' in generated) notes.push(`No generated 200 MB+ profile: ${generated.error}`);
    else inputs.push(generated);
  }
  if (opts.huge) {
    const huge = ensureGeneratedPprof(log, HUGE_HEAP);
    if ('error' in huge) notes.push(`No generated 1 GB profile: ${huge.error}`);
    else inputs.push(huge);
  }
  const files = inputs.map((f) => ({ name: f.name, file: f, sizes: fileSizes(f) }));

  // 1. Import + index. The generated profiles go last (step 4): their imports write gigabytes, and the kernel's
  // writeback of those files went on into the paint measurements that followed them (Kiln's first paint of
  // deep-node.cpuprofile.gz: 4.4 s on a quiet machine, 5.1 s right after the 1 GB import).
  const importAll = async (entries) => {
    for (const entry of entries) {
      const timeoutMs = entry.sizes.uncompressed > 500e6 ? 1_800_000 : 300_000;
      entry.import = await benchImport(entry.file, { runs, timeoutMs, log });
    }
  };
  await importAll(files.filter((entry) => !entry.file.generated));

  // 2a. Kiln first paint; keep the session with the most nodes for 3.
  const sessions = [];
  // The generated profile is for import time and memory: drawing it in the browser is not a goal of the issue, and
  // a `kiln serve` that grows like the import would take the machine with it.
  const painted = files.filter((entry) => !entry.file.generated);
  for (const entry of painted) {
    log(`first paint ${entry.name}: Kiln`);
    const { result, session } = await kilnFirstPaint(entry.file, { timeoutMs: paintTimeoutMs, log });
    log(
      `  ${result.ok ? `${(result.ms / 1000).toFixed(2)} s (${result.nodeCount} nodes)` : `${result.why} ${result.detail ?? ''}`}`,
    );
    entry.paint = { kiln: result };
    if (session) sessions.push(session);
  }
  sessions.sort((a, b) => b.nodeCount - a.nodeCount);
  for (const extra of sessions.slice(1)) await extra.close();

  // 3. Frame time on the largest flame graph.
  let framesResult = null;
  if (sessions[0]) {
    log(`frame time: ${frames} zooms + ${frames} resets on ${sessions[0].file.name} (${sessions[0].nodeCount} nodes)`);
    try {
      framesResult = { ok: true, ...(await benchFrames(sessions[0], { count: frames, log })) };
      if (framesResult.missed)
        notes.push(
          `${framesResult.missed} of ${2 * frames} interactions produced no redraw within 10 s and are not counted.`,
        );
    } catch (error) {
      framesResult = { ok: false, why: 'failed', detail: error.message };
    }
    await sessions[0].close();
  } else framesResult = { ok: false, why: 'not run', detail: 'no Kiln flame graph painted' };

  // 2b. speedscope first paint.
  for (const entry of painted) {
    if (!speedscope) {
      entry.paint.speedscope = { ok: false, why: 'not run', detail: 'speedscope unavailable' };
      continue;
    }
    log(`first paint ${entry.name}: speedscope ${speedscope.version}`);
    const result = await speedscopeFirstPaint(entry.file, {
      releaseDir: speedscope.releaseDir,
      timeoutMs: paintTimeoutMs,
      log,
    });
    log(`  ${result.ok ? `${(result.ms / 1000).toFixed(2)} s` : `${result.why} ${result.detail ?? ''}`}`);
    entry.paint.speedscope = result;
  }
  await stopSpeedscopeServer();

  // 4. Merging a window of 1,000 captures (before the generated imports, whose writeback would go on into it).
  // 4b. Two windows of 500 of those captures compared, on step 4's store (imported once).
  let diff = null;
  const merge = await mergeStep(async (store) => (diff = await diffStep(store)));
  diff ??= await diffStep(null);

  // 5. The timeline of 10,000 captures (before the generated imports, for the same reason).
  const timeline = await timelineStep();

  // 6. Import + index of the generated profiles.
  await importAll(files.filter((entry) => entry.file.generated));

  const results = {
    date: new Date().toISOString(),
    command: `node bench/run.mjs${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}`,
    elapsedS: (Date.now() - t0) / 1000,
    machine: describeMachine(speedscope?.version),
    files: files.map(({ file, ...rest }) => ({ ...rest, path: file.path })),
    frames: framesResult,
    merge,
    diff,
    timeline,
    notes,
  };
  return finish(results);
}

async function mergeStep(withStore = null) {
  try {
    return await benchMergeWindow({
      runs: Math.max(1, Number(opts['merge-runs']) || 7),
      log,
      filesDir: opts['merge-dir'] ?? null,
      withStore,
    });
  } catch (error) {
    return { ok: false, why: 'failed', detail: error.message };
  }
}

/** `store`: step 4's imported store, or null to import the profiles here. */
async function diffStep(store) {
  try {
    return await benchDiffWindow({
      runs: Math.max(1, Number(opts['diff-runs']) || 7),
      log,
      store,
      filesDir: opts['merge-dir'] ?? null,
    });
  } catch (error) {
    return { ok: false, why: 'failed', detail: error.message };
  }
}

async function timelineStep() {
  try {
    const scale = Number(opts['timeline-scale']) || 1;
    const store = await ensureTimelineStore(log, scaledTimelineInput(scale));
    if ('error' in store) return { ok: false, why: 'no input', detail: store.error };
    log(
      `timeline: ${store.captures} captures in ${store.lanes} lanes (${store.cached ? 'cached' : `made in ${store.builtS.toFixed(0)} s`})`,
    );
    const loads = Math.max(1, Number(opts['timeline-loads']) || 5);
    return { ...(await benchTimeline(store, { count: frames, loads, log })), storeBuiltS: store.builtS };
  } catch (error) {
    return { ok: false, why: 'failed', detail: error.message };
  }
}

/** --timeline-only: step 5 alone, reported the same way. */
async function timelineOnly() {
  const missing = [KILN_BUILT, CHROMIUM_PATH].filter((f) => !existsSync(f));
  return stepOnly(
    missing.length
      ? `bench: cannot run, missing ${missing.join(', ')} (run \`npm run build\` first; KILN_CHROMIUM)`
      : null,
    async () => ({ merge: null, timeline: await timelineStep() }),
    'Only the timeline step was run (--timeline-only).',
  );
}

/** --merge-only: step 4 alone, reported the same way (the other rows are absent). */
async function mergeOnly() {
  return stepOnly(
    existsSync(KILN_BUILT)
      ? null
      : `bench: cannot run, missing build output ${KILN_BUILT} (run \`npm run build\` first)`,
    async () => ({ merge: await mergeStep() }),
    'Only the merge step was run (--merge-only).',
  );
}

/** --diff-only: step 4b alone, importing step 4's profiles itself. */
async function diffOnly() {
  return stepOnly(
    existsSync(KILN_BUILT)
      ? null
      : `bench: cannot run, missing build output ${KILN_BUILT} (run \`npm run build\` first)`,
    async () => ({ merge: null, diff: await diffStep(null) }),
    'Only the window diff step was run (--diff-only).',
  );
}

/**
 * One step alone: exit 2 with `missingMessage` when what it needs is missing; else its rows (`step`'s), reported as
 * a partial run with no file or frame rows and `note`.
 */
async function stepOnly(missingMessage, step, note) {
  if (missingMessage) {
    console.error(missingMessage);
    return 2;
  }
  installCleanupHandlers(deadlineMs);
  const rows = await step();
  return finish(
    {
      date: new Date().toISOString(),
      command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`,
      elapsedS: (Date.now() - t0) / 1000,
      machine: describeMachine(),
      files: [],
      frames: null,
      ...rows,
      notes: [note],
    },
    { partial: true },
  );
}

/** `partial`: not every step ran, so BENCHMARKS.md (the whole record) is not rewritten from these results. */
async function finish(results, { partial = false } = {}) {
  console.log(markdownTable(tableRows(results)));
  console.log('');
  for (const [goal, verdict] of goalVerdicts(results)) console.log(`- ${goal}: ${verdict}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  await writeFormatted(join(RESULTS_DIR, 'latest.md'), `# Kiln benchmark results\n\n${renderResults(results)}\n`);
  await writeFormatted(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${join('bench', 'results', 'latest.md')} and latest.json`);
  if (opts['write-benchmarks'] && partial) log('BENCHMARKS.md not rewritten: --write-benchmarks needs a whole run');
  else if (opts['write-benchmarks']) {
    await writeFormatted(join(ROOT, 'BENCHMARKS.md'), `${renderBenchmarksMd(results)}\n`);
    log('wrote BENCHMARKS.md');
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`bench: ${error.stack ?? error}`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);
