/** The window-diff step's rows and verdict (lib/diff-window.mjs), for report.mjs. */
import { DIFF_GOALS } from './diff-window.mjs';

const msf = (ms) => (ms === null || ms === undefined ? '–' : `${ms.toFixed(1)} ms`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(3)}×` : '–');
const failed = (r) => `${r.why}${r.detail ? ` (${r.detail})` : ''}`;

export const DIFF_GOAL = `Window diff of 2 × 500 CPU captures < ${DIFF_GOALS.kilnMs} ms and faster than pprof -proto + -diff_base`;

/** Rows of [metric, input, kiln, peer, ratio]; none when the step did not run. */
export function diffRows(d) {
  if (!d) return [];
  const what = 'Diff two windows of 500 CPU captures (getDiff, absolute, limit 50)';
  if (!d.ok) return [[what, '–', failed(d), '–', '–']];
  const input = `${d.side} + ${d.side} of ${d.captures} Go CPU profiles (by capture time)`;
  const p = d.pprof;
  const peer = `${msf(p.medianMs)} (${msf(p.minMs)}) (go tool pprof -proto ${msf(p.mergeMedianMs)} + -top -diff_base ${msf(p.diffMedianMs)})`;
  const a = d.inProcess;
  return [
    [
      `${what}: (a) in process, warm median (min)`,
      input,
      `${msf(a.medianMs)} (${msf(a.minMs)})`,
      peer,
      ratio(a.medianMs, p.medianMs),
    ],
    [`${what}: (a) in process, cold first call`, input, msf(a.coldMs), '–', ratio(a.coldMs, p.medianMs)],
    [
      `${what}: (b) through \`kiln serve\` (HTTP + JSON), warm median (min)`,
      input,
      `${msf(d.kiln.medianMs)} (${msf(d.kiln.minMs)})`,
      peer,
      ratio(d.kiln.medianMs, p.medianMs),
    ],
    [`${what}: (b) \`kiln serve\`, cold first call`, input, msf(d.kiln.coldMs), '–', ratio(d.kiln.coldMs, p.medianMs)],
    [
      'Diff, CPU time per warm call (in process, median)',
      input,
      msf(a.medianCpuMs),
      p.medianCpuMs === null ? '–' : `${msf(p.medianCpuMs)} (pprof, both processes)`,
      p.medianCpuMs === null ? '–' : ratio(a.medianCpuMs, p.medianCpuMs),
    ],
    [
      'Diff rows = pprof -diff_base (delta total = cum, self = flat, per function)',
      `${d.check.checked} functions of ${d.rows} rows; pprof lists ${d.check.pprofFunctions}`,
      d.check.agree ? 'equal' : `DIFFER: ${d.check.firstDisagreement}`,
      '–',
      '–',
    ],
  ];
}

/** [goal, verdict] lines. */
export function diffVerdicts(d) {
  if (!d) return [];
  if (!d.ok) return [[DIFF_GOAL, `not measured: ${failed(d)}`]];
  const a = d.inProcess;
  const met = a.medianMs < DIFF_GOALS.kilnMs && a.medianMs < d.pprof.medianMs && d.check.agree;
  const same = d.check.agree
    ? `rows equal pprof's (${d.check.checked} functions)`
    : `ROWS DIFFER: ${d.check.firstDisagreement}`;
  const load = d.loadAverage ? `; load average ${d.loadAverage.map((l) => l.toFixed(1)).join(' ')}` : '';
  return [
    [
      DIFF_GOAL,
      `${met ? 'MET' : 'NOT MET'}: in process median ${msf(a.medianMs)} warm, ${msf(a.coldMs)} cold; through kiln serve ${msf(d.kiln.medianMs)} warm, ${msf(d.kiln.coldMs)} cold; pprof ${msf(d.pprof.medianMs)} (${(d.pprof.medianMs / a.medianMs).toFixed(1)}× in process); ${same}${load}`,
    ],
  ];
}
