/** Turns the measurements into the markdown table, the goal verdicts and BENCHMARKS.md. */
import { timelineRows, timelineVerdicts } from './report-timeline.mjs';
import { diffRows, diffVerdicts } from './report-diff.mjs';

export const GOALS = {
  importRatio: 0.25,
  /** Peak RSS of an import ÷ the file's uncompressed size. */
  rssRatio: 2,
  paintRatio: 0.1,
  frameP95Ms: 16,
  /** Merging a window of 1,000 CPU captures into a flame tree (issue 11): at most this, and this many times faster than pprof. */
  mergeMs: 200,
  mergeSpeedup: 20,
  /** The timeline of 10,000 captures (issue 11): first draw, and the p95 frame while panning and zooming. */
  timelineFirstDrawMs: 100,
  timelineFrameP95Ms: 16,
};

const s = (ms) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const msf = (ms) => (ms === null || ms === undefined ? '–' : `${ms.toFixed(1)} ms`);
const mib = (kb) => (kb ? `${Math.round(kb / 1024)} MiB` : '–');
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
const failed = (r) => `${r.why}${r.detail ? ` (${r.detail})` : ''}`;

/** Rows of [metric, file, kiln, peer, ratio]. */
export function tableRows(results) {
  const rows = [];
  for (const f of results.files) {
    const { kiln, pprof } = f.import;
    rows.push([
      'Import + index, wall time',
      f.name,
      kiln.ok ? s(kiln.wallMs) : failed(kiln),
      pprof === null
        ? 'n/a (pprof cannot read this format)'
        : pprof.ok
          ? `${s(pprof.wallMs)} (go tool pprof -top)`
          : failed(pprof),
      pprof?.ok && kiln.ok ? ratio(kiln.wallMs, pprof.wallMs) : '–',
    ]);
    rows.push([
      'Import, peak RSS',
      f.name,
      kiln.ok ? mib(kiln.peakRssKb) : '–',
      pprof === null ? 'n/a' : pprof.ok ? mib(pprof.peakRssKb) : '–',
      pprof?.ok && kiln.ok ? ratio(kiln.peakRssKb, pprof.peakRssKb) : '–',
    ]);
    if (kiln.ok && kiln.peakRssKb) {
      const rss = kiln.peakRssKb * 1024;
      rows.push([
        'Kiln import peak RSS ÷ file size',
        f.name,
        `${(rss / f.sizes.uncompressed).toFixed(1)}× uncompressed (${mb(f.sizes.uncompressed)}), ${(rss / f.sizes.compressed).toFixed(0)}× compressed (${mb(f.sizes.compressed)})`,
        '–',
        '–',
      ]);
    }
  }
  for (const f of results.files.filter((file) => file.paint)) {
    const { kiln, speedscope } = f.paint;
    rows.push([
      'Drop → first flame-graph paint',
      f.name,
      kiln.ok ? s(kiln.ms) : failed(kiln),
      speedscope.ok ? `${s(speedscope.ms)} (speedscope)` : `speedscope ${failed(speedscope)}`,
      kiln.ok && speedscope.ok ? ratio(kiln.ms, speedscope.ms) : '–',
    ]);
  }
  const fr = results.frames;
  if (fr?.ok) {
    rows.push([
      `Frame time, zoom/reset p50 (${fr.all.n} interactions)`,
      `${fr.file} (${fr.nodeCount} nodes)`,
      msf(fr.all.p50),
      'n/a',
      '–',
    ]);
    rows.push([
      `Frame time, zoom/reset p95 (${fr.all.n} interactions)`,
      `${fr.file} (${fr.nodeCount} nodes)`,
      msf(fr.all.p95),
      'n/a',
      '–',
    ]);
    rows.push([
      'Frame time p50 / p95, zoom clicks only',
      fr.file,
      `${msf(fr.zoom.p50)} / ${msf(fr.zoom.p95)}`,
      'n/a',
      '–',
    ]);
    rows.push([
      'Frame time p50 / p95, Esc resets only',
      fr.file,
      `${msf(fr.reset.p50)} / ${msf(fr.reset.p95)}`,
      'n/a',
      '–',
    ]);
    rows.push([
      'Input → next animation frame p50 / p95',
      fr.file,
      `${msf(fr.all.nextP50)} / ${msf(fr.all.nextP95)}`,
      'n/a',
      '–',
    ]);
  } else if (fr) {
    rows.push(['Frame time while zooming', '–', failed(fr), 'n/a', '–']);
  }
  rows.push(...mergeRows(results.merge));
  rows.push(...diffRows(results.diff));
  rows.push(...timelineRows(results.timeline));
  return rows;
}

/** Rows of the window merge (lib/merge-window.mjs); none when it did not run. */
function mergeRows(m) {
  if (!m) return [];
  const what = 'Merge a window of 1,000 CPU captures → flame tree';
  if (!m.ok) return [[what, '–', failed(m), '–', '–']];
  const input = `${m.captures} Go CPU profiles (${m.nodes} tree nodes)`;
  const peer = `${msf(m.pprof.medianMs)} (${msf(m.pprof.minMs)}) (go tool pprof -proto)`;
  const p = m.inProcess;
  return [
    [
      `${what}: (a) in process (getFlameTree, store opened as the app opens it), warm median (min)`,
      input,
      `${msf(p.medianMs)} (${msf(p.minMs)})`,
      peer,
      ratio(p.medianMs, m.pprof.medianMs),
    ],
    [`${what}: (a) in process, cold first call`, input, msf(p.coldMs), '–', ratio(p.coldMs, m.pprof.medianMs)],
    [
      `${what}: (b) through \`kiln serve\` (HTTP + JSON, as the page asks), warm median (min)`,
      input,
      `${msf(m.kiln.medianMs)} (${msf(m.kiln.minMs)})`,
      peer,
      ratio(m.kiln.medianMs, m.pprof.medianMs),
    ],
    [
      `${what}: (b) \`kiln serve\`, cold first call`,
      input,
      msf(m.kiln.coldMs),
      '–',
      ratio(m.kiln.coldMs, m.pprof.medianMs),
    ],
    [
      'Merge, CPU time per warm call (a: in process, median; b: the server process, mean)',
      input,
      `a ${msf(p.medianCpuMs)}; b ${msf(m.kiln.meanCpuMs)}`,
      m.pprof.medianCpuMs === null ? '–' : `${msf(m.pprof.medianCpuMs)} (go tool pprof -proto)`,
      m.pprof.medianCpuMs === null ? '–' : ratio(p.medianCpuMs, m.pprof.medianCpuMs),
    ],
    [
      'Merge input: generation / kiln import',
      `${m.input.samples} samples; per capture ≥ ${m.input.minSamples} (mean ${m.input.meanSamples.toFixed(0)}) samples, mean ${m.input.meanStacks.toFixed(0)} distinct stacks`,
      `import ${s(m.importMs)}`,
      m.generatedS === null
        ? `${m.captures} files given with --merge-dir`
        : `made by go-cpu-window in ${m.generatedS.toFixed(0)} s${m.generatedCached ? ' (cached)' : ''}`,
      '–',
    ],
  ];
}

export function markdownTable(rows) {
  const head = ['Metric', 'File', 'Kiln', 'Peer', 'Kiln/peer'];
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** [goal, verdict] lines. */
export function goalVerdicts(results) {
  const out = [];
  for (const f of results.files) {
    const { kiln, pprof } = f.import;
    if (pprof === null) continue;
    const goal = `Import ≤ ${GOALS.importRatio}× pprof (${f.name})`;
    if (kiln.ok && pprof.ok) {
      const r = kiln.wallMs / pprof.wallMs;
      out.push([
        goal,
        `${r <= GOALS.importRatio ? 'MET' : 'NOT MET'}: ${r.toFixed(2)}× (${s(kiln.wallMs)} vs ${s(pprof.wallMs)})`,
      ]);
    } else out.push([goal, `not measured: ${kiln.ok ? 'pprof' : 'Kiln'} ${failed(kiln.ok ? pprof : kiln)}`]);
  }
  for (const f of results.files) {
    const { kiln } = f.import;
    const goal = `Import peak RSS < ${GOALS.rssRatio}× uncompressed size (${f.name})`;
    if (kiln.ok && kiln.peakRssKb) {
      const r = (kiln.peakRssKb * 1024) / f.sizes.uncompressed;
      out.push([
        goal,
        `${r < GOALS.rssRatio ? 'MET' : 'NOT MET'}: ${r.toFixed(2)}× (${mib(kiln.peakRssKb)} for ${mb(f.sizes.uncompressed)})`,
      ]);
    } else if (!kiln.ok && /RSS/.test(kiln.why)) out.push([goal, `NOT MET: Kiln ${failed(kiln)}`]);
    else out.push([goal, `not measured${kiln.ok ? '' : `: Kiln ${failed(kiln)}`}`]);
  }
  for (const f of results.files.filter((file) => file.paint)) {
    const { kiln, speedscope } = f.paint;
    const goal = `First paint ≤ ${GOALS.paintRatio}× speedscope (${f.name})`;
    if (kiln.ok && speedscope.ok) {
      const r = kiln.ms / speedscope.ms;
      out.push([
        goal,
        `${r <= GOALS.paintRatio ? 'MET' : 'NOT MET'}: ${r.toFixed(2)}× (${s(kiln.ms)} vs ${s(speedscope.ms)})`,
      ]);
    } else if (kiln.ok) {
      out.push([goal, `no ratio: speedscope ${failed(speedscope)}; Kiln painted in ${s(kiln.ms)}`]);
    } else out.push([goal, `NOT MET: Kiln ${failed(kiln)}`]);
  }
  const fr = results.frames;
  const goal = `p95 frame ≤ ${GOALS.frameP95Ms} ms while zooming`;
  if (fr === null) {
    /* not run (--merge-only) */
  } else if (fr?.ok)
    out.push([
      goal,
      `${fr.all.p95 <= GOALS.frameP95Ms ? 'MET' : 'NOT MET'}: p95 ${msf(fr.all.p95)} (p50 ${msf(fr.all.p50)})`,
    ]);
  else out.push([goal, `not measured${fr ? `: ${failed(fr)}` : ''}`]);
  out.push(...mergeVerdicts(results.merge));
  out.push(...diffVerdicts(results.diff));
  out.push(...timelineVerdicts(results.timeline));
  return out;
}

function mergeVerdicts(m) {
  if (!m) return [];
  const under = `Window merge of 1,000 CPU captures < ${GOALS.mergeMs} ms`;
  const faster = `Window merge ≥ ${GOALS.mergeSpeedup}× faster than go tool pprof -proto`;
  if (!m.ok) return [under, faster].map((goal) => [goal, `not measured: ${failed(m)}`]);
  const p = m.inProcess;
  const speedup = m.pprof.medianMs / p.medianMs;
  const same = m.totals.equal
    ? `same total (${m.totals.kiln})`
    : `TOTALS DIFFER: Kiln ${m.totals.kiln} (in process ${p.total}), pprof ${m.totals.pprof}`;
  const load = m.loadAverage
    ? `; load average ${m.loadAverage.map((l) => l.toFixed(1)).join(' ')} on this machine`
    : '';
  const cpu =
    m.pprof.medianCpuMs === null
      ? ''
      : `; by CPU time ${(m.pprof.medianCpuMs / Math.max(p.medianCpuMs, 1)).toFixed(1)}× (${msf(p.medianCpuMs)} vs ${msf(m.pprof.medianCpuMs)})`;
  const serve = `; through kiln serve ${msf(m.kiln.medianMs)} warm (${(m.pprof.medianMs / m.kiln.medianMs).toFixed(1)}×), ${msf(m.kiln.coldMs)} cold`;
  return [
    [
      under,
      `${p.medianMs < GOALS.mergeMs ? 'MET' : 'NOT MET'}: in process median ${msf(p.medianMs)} warm, ${msf(p.coldMs)} cold${serve}`,
    ],
    [
      faster,
      `${speedup >= GOALS.mergeSpeedup && m.totals.equal ? 'MET' : 'NOT MET'}: ${speedup.toFixed(1)}× in process (${msf(p.medianMs)} vs ${msf(m.pprof.medianMs)}); ${same}${cpu}${load}`,
    ],
  ];
}

function machineBlock(m) {
  return [
    '```',
    `CPU:        ${m.cpu}`,
    `nproc:      ${m.nproc}`,
    `kernel:     ${m.kernel}`,
    `node:       ${m.node}`,
    `chromium:   ${m.chromium}`,
    `go:         ${m.go}`,
    `speedscope: ${m.speedscope}`,
    `playwright-core: ${m.playwright}`,
    `free -h:`,
    ...m.memory.split('\n').map((l) => `  ${l}`),
    '```',
  ].join('\n');
}

export function renderResults(results) {
  return [
    `Run ${results.date} with \`${results.command}\` (${results.elapsedS.toFixed(0)} s in all).`,
    '',
    markdownTable(tableRows(results)),
    '',
    '### Goals',
    '',
    ...goalVerdicts(results).map(([goal, verdict]) => `- ${goal}: **${verdict}**`),
    '',
    '### Machine',
    '',
    machineBlock(results.machine),
    ...(results.notes.length ? ['', '### Notes from this run', '', ...results.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}

export const METHOD = `## Method

Everything is measured in one run of \`npm run bench\` (\`node bench/run.mjs\`) on the
files of \`../shared/corpus/generated/large/\` and the generated Go heap profiles. Each tool runs as a fresh process or in
a fresh headless Chromium, and every temp folder and child process is removed at the end. The generated profiles
(import only) are measured last, so that the gigabytes their imports write are not still being flushed to disk while
first paints and frame times are measured.

- **Import + index**: wall time of \`kiln import FILE --db <fresh temp db> --json\`
  (a new Node process: start-up, gunzip, parse, SQLite indexing, exit) against
  \`go tool pprof -top FILE\` (output discarded). Peak RSS from \`/usr/bin/time -v\`
  (largest RSS of the process tree; Kiln's ingest runs in a worker thread of the same
  process). pprof cannot read a \`.cpuprofile\`, so that file has no peer.
  \`--runs N\` repeats each and reports the median time and the largest RSS.
- **Drop → first paint** (Chromium, 1400×900, the e2e flags plus
  \`--enable-unsafe-swiftshader --use-angle=swiftshader\`, same for both tools, a
  fresh browser per measurement): the clock starts when the file is given to the
  page (Kiln: set on \`[data-testid="open-input"]\` on a fresh \`kiln serve\` with an
  empty database, then the import dialog's service and labels confirmed with Enter,
  the clock starting at that confirmation; speedscope: just before the file is set on
  \`input#file\` behind "Browse" on its built page, served from a local 127.0.0.1
  static server). It stops, timed inside the page, when
  - Kiln: a MutationObserver sees the flame-graph canvas get \`data-ready="true"\`
    (set right after drawFlame) while the page names the file;
  - speedscope: an init script makes its WebGL contexts keep their drawing buffer
    (\`preserveDrawingBuffer\`) and after every animation frame reads 19 one-pixel
    rows of the canvas; the first frame with coloured pixels (channels differing by
    more than 24: flame-chart rectangles; its background, grid and text are grey)
    is the first paint (exact to within one frame).
  A tool that takes longer than the timeout (\`--paint-timeout\`, 120 s) is reported
  as "timed out"; a renderer crash (out of memory) as "crashed".
- **Frame time while zooming**: on the Kiln page with the most flame-graph nodes,
  60 clicks on frames (zoom) alternating with 60 Esc presses (reset), sent as real
  input events; click targets are drawn frames at the root view picked with a fixed
  seed. Per interaction, frame time = from the input event's \`timeStamp\` to the
  end of the redraw: a MutationObserver on \`data-zoom-name\` runs right after
  React's commit (whose layout effect already drew the canvas), then a 1-pixel
  \`getImageData\` forces Chromium to rasterise the canvas, and the time is taken.
  "Input → next animation frame" adds the wait for the next frame to begin
  (up to one ~16.7 ms vsync interval). Kiln has no panning; zoom and reset are the interactions it offers.
  speedscope is not driven here (no peer column).
- Chromium has no GPU here (\`--disable-gpu\`): Kiln's canvas 2D and speedscope's
  WebGL (SwiftShader) are both rasterised in software.
- **Merging a window of 1,000 CPU captures** (\`--merge-only\` runs this alone): 1,000 CPU profiles written by
  runtime/pprof in a real Go program (\`bench/producers/go-cpu-window\`: handler goroutines serving requests
  through per-route middleware and per-tenant and per-plan code into ten handlers, beside background jobs; each
  capture lasts until it holds ≥ 200 samples over ~100–200 distinct stacks; four processes side by side; made
  once, cached by a hash of the producer), imported with \`kiln import --service checkout\` into a fresh store.
  Kiln: \`getFlameTree\` of the window from the first capture's start to the last one's end, (a) in process
  (\`bench/merge-in-process.mjs\`: the query services with the store opened as the app's query workers open it;
  the ratio uses this) and (b) POSTed to a fresh \`kiln serve\` on that store, timed to the last byte of the
  answer; each: the first call (cold) apart, then \`--merge-runs\` warm calls (median, min), and CPU time per call.
  Peer: \`go tool pprof -proto FILES > merged.pb.gz\`, three fresh processes (median wall, CPU from GNU time). The
  flame trees' totals must equal the merged profile's.
- **Comparing two windows of 500 of those captures** (\`--diff-only\` runs this alone; a whole run reuses the merge
  step's store): the first 500 captures by time against the last 500, as item-id selections (four processes wrote
  them side by side: a base capture still runs when the first target one starts, so two windows would share it). Kiln: \`getDiff\` (absolute, limit 50, CPU), in process
  (\`bench/diff-in-process.mjs\`) and through \`kiln serve\`, cold apart, then \`--diff-runs\` warm calls. Peer, three
  fresh runs: \`go tool pprof -proto BASE_FILES > base.pb.gz\` then \`go tool pprof -top -diff_base=base.pb.gz
  TARGET_FILES\`, the two wall times summed. Each top row's delta (total, self; folded by function name) must equal
  pprof's -diff_base cum and flat.
`;

export function renderBenchmarksMd(results) {
  return [
    '# Benchmarks',
    '',
    'Run with:',
    '',
    '```sh',
    'npm run build',
    'npm run bench            # = node bench/run.mjs; options: --runs N --frames N --paint-timeout S --skip-generated --huge --merge-only --merge-runs N',
    '```',
    '',
    'It prints a markdown table and writes it to `bench/results/latest.md` (and the raw',
    'numbers to `bench/results/latest.json`; per-run output, not tracked by git — this file is the record). `node bench/run.mjs --write-benchmarks`',
    'also regenerates this file. Inputs missing → a message and exit code 2.',
    '',
    'Goals (from the issue): import ≤ 0.25× `go tool pprof`, first paint ≤ 0.1×',
    'speedscope, p95 frame ≤ 16 ms while zooming, import peak RSS < 2× the uncompressed size of a',
    'large pprof. Besides the corpus files the bench makes its own inputs with the Go runtime',
    '(`bench/producers/go-wide-heap`): a 240 MB (uncompressed) heap profile of 5M distinct stacks, and with',
    '`--huge` a 960 MB one of 20M (about 16 minutes and 14 GB of RAM to make, once). The memory goal is the',
    "issue's for large pprof files; on the small corpus files a Kiln process's own base (Node, the ingest worker,",
    "SQLite's 64 MB import cache) outweighs the file.",
    '',
    '## Latest results',
    '',
    renderResults(results),
    '',
    METHOD,
  ].join('\n');
}
