/** The timeline step's rows and verdicts (lib/timeline-frames.mjs), for report.mjs. */
import { GOALS } from './report.mjs';

const msf = (ms) => (ms === null || ms === undefined ? '–' : `${ms.toFixed(1)} ms`);
const failed = (r) => `${r.why}${r.detail ? ` (${r.detail})` : ''}`;

/** Rows of [metric, input, kiln, peer, ratio]; none when the step did not run. */
export function timelineRows(t) {
  if (!t) return [];
  const what = 'Timeline of 10,000 captures';
  if (!t.ok) return [[what, '–', failed(t), 'n/a', '–']];
  const input = `${t.captures} captures, ${t.lanes} lanes`;
  const f = t.first;
  const frames = (name, st) => [
    `${what}: ${name} frame (page got the event → drawn) p50 / p95 / max; from the event's timeStamp p95`,
    `${input}, ${st.n} interactions`,
    `${msf(st.p50)} / ${msf(st.p95)} / ${msf(st.max)}; ${msf(st.fromInput?.p95)}`,
    'n/a',
    '–',
  ];
  const floor = t.frames.floor;
  const floorRow = floor
    ? [
        [
          "Chromium's input delivery on an empty page (the floor under timeStamp-based frames), p50 / p95",
          `${floor.wheel.n} of each`,
          `wheel ${msf(floor.wheel.p50)} / ${msf(floor.wheel.p95)}; pointer move ${msf(floor.pointermove.p50)} / ${msf(floor.pointermove.p95)}; key ${msf(floor.keydown.p50)} / ${msf(floor.keydown.p95)}`,
          'n/a',
          '–',
        ],
      ]
    : [];
  return [
    [
      `${what}: first draw after its data arrived, median (max) of ${f.loads} loads`,
      input,
      `${msf(f.afterDataMs)} (${msf(f.afterDataMaxMs)}); bars only ${msf(f.barsAfterDataMs)}; after the catalogue ${msf(f.afterCatalogueMs)}`,
      'n/a',
      '–',
    ],
    [
      `${what}: first draw from navigation (bars; with series), median`,
      `${input}, ${f.transferKb.toFixed(0)} KB of data`,
      `${msf(f.barsFromNavigationMs)}; ${msf(f.fromNavigationMs)} (its data in at ${msf(f.dataArrivedMs)}, the catalogue at ${msf(f.catalogueArrivedMs)})`,
      'n/a',
      '–',
    ],
    frames('pan', t.frames.pan),
    frames('zoom', t.frames.zoom),
    ...floorRow,
  ];
}

/** [goal, verdict] lines. */
export function timelineVerdicts(t) {
  if (!t) return [];
  const first = `Timeline of 10,000 captures: first draw < ${GOALS.timelineFirstDrawMs} ms`;
  const frames = `Timeline of 10,000 captures: pan and zoom p95 frame < ${GOALS.timelineFrameP95Ms} ms`;
  if (!t.ok) return [first, frames].map((goal) => [goal, `not measured: ${failed(t)}`]);
  const f = t.first;
  const worst = Math.max(t.frames.pan.p95, t.frames.zoom.p95);
  const load = t.loadAverage ? `; load average ${t.loadAverage.map((l) => l.toFixed(1)).join(' ')}` : '';
  const scaled = t.captures < 10_000 ? ` (only ${t.captures} captures: --timeline-scale)` : '';
  return [
    [
      first,
      `${f.afterDataMs < GOALS.timelineFirstDrawMs ? 'MET' : 'NOT MET'} from its data's arrival: median ${msf(f.afterDataMs)}; from navigation ${msf(f.fromNavigationMs)}${scaled}${load}`,
    ],
    [
      frames,
      `${worst < GOALS.timelineFrameP95Ms ? 'MET' : 'NOT MET'} (page got the event → drawn): pan p95 ${msf(t.frames.pan.p95)}, zoom p95 ${msf(t.frames.zoom.p95)}; from the event's timeStamp pan ${msf(t.frames.pan.fromInput?.p95)}, zoom ${msf(t.frames.zoom.fromInput?.p95)}, of which Chromium's wheel delivery alone is ${msf(t.frames.floor?.wheel.p95)}${t.frames.missed ? ` (${t.frames.missed} interactions drew nothing)` : ''}${scaled}${load}`,
    ],
  ];
}
