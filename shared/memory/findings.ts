/**
 * What Kiln concludes about a selection (getFindings, `kiln findings`): sentences made from the answers of the
 * other views — the leak ranking, GC per window and its changes, heap snapshots compared, a comparison's suspects —
 * each with the numbers it rests on, what would make it wrong, and the view that shows it. Nothing here measures
 * anything new: a finding is only as good as the view it links to, which the user can open and check.
 *
 * Order (docs/MEMORY.md, "Findings"): by kind first — sustained growth (a leak costs the most if missed), then
 * instances that grew between snapshots, then GC behaviour changes, then a comparison's suspects, then bounded
 * caches (worth knowing, rarely a problem) — and within a kind by size.
 */
import type { Selection } from '../capture/selection';
import type { DiffResult } from '../ipc/contract';
import type {
  Finding,
  FindingKind,
  GcChange,
  GcWindows,
  HeapDiff,
  LeakRow,
  LeaksResult,
  RetainerStep,
} from '../ipc/memory-contract';
import { formatPercent, formatValue } from '../format/units';
import { isEngineClass } from '../heap/class-names';

/** A kind's place in the list: its weight before the within-kind share (0..0.1) is added. */
const KIND_WEIGHT: Record<FindingKind, number> = {
  leak: 0.8,
  'heap-growth': 0.7,
  'gc-change': 0.6,
  regression: 0.5,
  cache: 0.2,
};

/** At most this many findings of one kind: the rest are in the view the finding links to. */
const PER_KIND = 5;

/** Allocation before and after a GC change, as getDiff compared it (per second of each side). */
export interface GcAllocationShift {
  change: GcChange;
  diff: DiffResult;
}

export interface FindingSources {
  selection: Selection;
  leaks: LeaksResult | null;
  gc: GcWindows | null;
  gcAllocation: GcAllocationShift | null;
  heapDiff: HeapDiff | null;
  comparison: { base: Selection; diff: DiffResult } | null;
}

export function findingsOf(sources: FindingSources): Finding[] {
  const growth = heapGrowthFindings(sources.heapDiff);
  // A class the snapshot comparison already names (with what holds it) is not named again from its series.
  const findings = [
    ...leakFindings(sources, new Set(growth.map((f) => f.subject))),
    ...growth,
    ...gcChangeFindings(sources),
    ...regressionFindings(sources),
  ];
  return findings.sort((a, b) => b.weight - a.weight || a.subject.localeCompare(b.subject));
}

/** "14:02:10 UTC": findings name instants on the wall clock every view uses. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** A span in the largest whole unit that reads well: "40 min", "35 s", "2.5 h". */
export function spanText(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${round(s)} s`;
  if (s < 2 * 3600) return `${round(s / 60)} min`;
  return `${round(s / 3600)} h`;
}

function round(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

function leakFindings({ selection, leaks }: FindingSources, coveredBy: ReadonlySet<string>): Finding[] {
  if (!leaks || leaks.captures.length === 0) return [];
  const unit = leaks.sampleType.unit;
  const first = leaks.captures[0]?.atMs ?? 0;
  const last = leaks.captures[leaks.captures.length - 1]?.atMs ?? first;
  const span = `${utcTime(first)}–${utcTime(last)}`;
  // The program's own functions and classes: V8's (strings, closures, contexts) grow with what holds them.
  const named = leaks.rows.filter((r) => !isEngineClass(r.function) && !coveredBy.has(r.function));
  const growing = named.filter((r) => r.verdict === 'growing').slice(0, PER_KIND);
  const plateaus = named.filter((r) => r.verdict === 'plateau').slice(0, PER_KIND);
  const largestGrowth = Math.max(1, ...growing.map((r) => r.last - r.first));
  const largestLevel = Math.max(1, ...plateaus.map((r) => r.last));
  const evidenceOf = (row: LeakRow): string[] => [
    `${formatValue(row.first, unit)} → ${formatValue(row.last, unit)} (peak ${formatValue(row.peak, unit)}) across ${
      row.series.length
    } captures, ${span}`,
    `slope ${formatValue(row.slope * 60, unit)}/min, R² ${row.r2.toFixed(2)}; rose in ${formatPercent(
      row.risingShare,
    )} of capture-to-capture steps; noise band ±${formatValue(row.noiseBand, unit)}`,
  ];
  const link = (row: LeakRow) => ({ view: 'leaks' as const, selection, function: row.function });
  return [
    ...growing.map((row): Finding => {
      const evidence = evidenceOf(row);
      if (row.secondsToLimit !== null && leaks.limitBytes !== null) {
        evidence.push(
          `at this slope the heap reaches its limit of ${formatValue(leaks.limitBytes, 'bytes')} in ${spanText(
            row.secondsToLimit * 1000,
          )}`,
        );
      }
      return {
        kind: 'leak',
        title: `${row.function} grows ${formatValue(row.slope * 60, unit)}/min over ${spanText(last - first)} (R² ${row.r2.toFixed(
          2,
        )}) — likely leak`,
        subject: row.function,
        evidence,
        wrongIf: row.wrongIf,
        weight: KIND_WEIGHT.leak + 0.1 * ((row.last - row.first) / largestGrowth),
        link: link(row),
      };
    }),
    ...plateaus.map((row): Finding => {
      const at = row.levelledAt ?? 0;
      const capture = leaks.captures[at];
      return {
        kind: 'cache',
        title: `${row.function} levelled off at ${formatValue(row.last, unit)} from capture ${at + 1}${
          capture ? ` (${utcTime(capture.atMs)})` : ''
        } — bounded, likely a cache`,
        subject: row.function,
        evidence: evidenceOf(row),
        wrongIf: row.wrongIf,
        weight: KIND_WEIGHT.cache + 0.1 * (row.last / largestLevel),
        link: link(row),
      };
    }),
  ];
}

/** Named steps of a "held by" expression shown (an index stays with its name); a longer one keeps its innermost. */
const HELD_BY_NAMES = 5;

/**
 * "held by server._events.close[300..2448].connection.sessions[0..3]": the retainer path as the expression a
 * program would write, from the outermost variable of the program on it (the first edge out of a closure's
 * `system / Context`, or past the synthetic roots when there is none), with a closure's hop to its context left out.
 */
export function heldByText(path: readonly RetainerStep[]): string {
  if (path.length < 2) return 'the GC roots';
  const isContext = (node: string | undefined) => node !== undefined && node.startsWith('system / Context');
  let start = path.findIndex((step, i) => i > 0 && isContext(path[i - 1]?.node) && step.edge !== '');
  // V8's synthetic roots: "(root)", "(GC roots)", "(Global handles)" … (a real node's type is lower case: "(array)").
  if (start < 0)
    start = Math.max(
      1,
      path.findIndex((step) => !/^\((root|[A-Z][^)]*)\)$/.test(step.node)),
    );
  const names: string[] = [];
  for (let i = start; i < path.length; i++) {
    const step = path[i] as RetainerStep;
    if (step.edge === 'context' && isContext(step.node)) continue;
    const edge = /^\d+$/.test(step.edge) ? `[${step.edge}]` : step.edge;
    if (edge.startsWith('[') && names.length > 0) names[names.length - 1] += edge;
    else names.push(edge);
  }
  const text = names.slice(-HELD_BY_NAMES).join('.');
  return names.length > HELD_BY_NAMES ? `…${text}` : text;
}

function heapGrowthFindings(diff: HeapDiff | null): Finding[] {
  if (!diff || diff.snapshots.length < 2) return [];
  const n = diff.snapshots.length;
  // The program's own classes: the engine's (strings, closures, contexts) grow along with what holds them.
  const growers = diff.rows
    .filter((r) => (r.counts[n - 1] ?? 0) > (r.counts[0] ?? 0) && r.added > 0 && !isEngineClass(r.class))
    .slice(0, PER_KIND);
  const largest = Math.max(1, ...growers.map((r) => r.added));
  const itemIds = diff.snapshots.map((s) => s.itemId);
  return growers.map((row): Finding => {
    const path = diff.paths.find((p) => p.class === row.class);
    const counts = row.counts.map((c) => formatValue(c, 'count')).join(' → ');
    const evidence = [
      `instances per snapshot: ${counts}; retained ${formatValue(row.retained[0] ?? 0, 'bytes')} → ${formatValue(
        row.retained[n - 1] ?? 0,
        'bytes',
      )}`,
      `${formatValue(row.added, 'count')} instances of the last snapshot are new since the first (object ids it did not hold); ${formatValue(
        row.removed,
        'count',
      )} of the first are gone`,
    ];
    if (path) {
      evidence.push(
        `${formatValue(path.instances, 'count')} of the new instances are held through ${path.path
          .map((s) => (s.edge ? `${s.edge} → ${s.node}` : s.node))
          .join(' → ')}`,
      );
    }
    return {
      kind: 'heap-growth',
      title: `${row.class} instances ${formatValue(row.counts[0] ?? 0, 'count')} → ${formatValue(
        row.counts[n - 1] ?? 0,
        'count',
      )} across ${n} snapshots${path ? `, held by ${heldByText(path.path)}` : ''}`,
      subject: row.class,
      evidence,
      wrongIf:
        'wrong if the instances are freed later (a snapshot after the load ends holds as many as the first) — the retainer is then a queue, not a leak',
      weight: KIND_WEIGHT['heap-growth'] + 0.1 * (row.added / largest),
      link: { view: 'heap-diff', itemIds, class: row.class },
    };
  });
}

const MEASURE_TEXT: Record<GcChange['measure'], { name: string; unit: (v: number) => string }> = {
  frequency: { name: 'GC frequency', unit: (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s` },
  'allocation-rate': { name: 'allocation rate', unit: (v) => `${formatValue(v, 'bytes')}/s` },
  pause: { name: 'GC pause', unit: (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` },
};

/** Which measure names a GC event when several changed together: how often it collects, then why, then how long. */
const MEASURE_ORDER: GcChange['measure'][] = ['frequency', 'allocation-rate', 'pause'];

function gcChangeFindings({ selection, gc, gcAllocation }: FindingSources): Finding[] {
  if (!gc || gc.changes.length === 0) return [];
  const strongest = Math.max(1, ...gc.changes.map((c) => c.strength));
  // Changes of several measures within one window are one event (a GC storm moves frequency, allocation rate and
  // pauses together): the strongest places it, its frequency change (else allocation, else pause) names it, and the
  // others join its title and evidence.
  const events: GcChange[][] = [];
  for (const change of [...gc.changes].sort((a, b) => b.strength - a.strength)) {
    const event = events.find((e) => Math.abs((e[0] as GcChange).atMs - change.atMs) <= windowMs(gc));
    if (event) event.push(change);
    else events.push([change]);
  }
  return events.slice(0, PER_KIND).map((event): Finding => {
    const ordered = [...event].sort((a, b) => MEASURE_ORDER.indexOf(a.measure) - MEASURE_ORDER.indexOf(b.measure));
    const lead = ordered[0] as GcChange;
    const { name, unit } = MEASURE_TEXT[lead.measure];
    const rose = lead.after > lead.before;
    const evidence = [
      `${name} ${unit(lead.before)} before ${utcTime(lead.atMs)}, ${unit(lead.after)} after (log-likelihood ratio ${lead.strength.toFixed(
        1,
      )} for two levels against one)`,
      `over the selection: ${gc.total.events} collections, ${gc.total.pausedPercent.toFixed(2)}% of the time paused`,
    ];
    const joined = ordered.slice(1);
    const joinedText = joined.map((other) => {
      const text = MEASURE_TEXT[other.measure];
      return `${text.name} ${text.unit(other.before)} → ${text.unit(other.after)}`;
    });
    joined.forEach((other, i) => evidence.push(`${joinedText[i]} at ${utcTime(other.atMs)}`));
    const shift = gcAllocation && event.includes(gcAllocation.change) ? allocationShiftText(gcAllocation.diff) : [];
    evidence.push(...shift.map((s) => s.text));
    return {
      kind: 'gc-change',
      title: [
        `${name} ${rose ? 'rose' : 'fell'} from ${unit(lead.before)} to ${unit(lead.after)} at ${utcTime(lead.atMs)}`,
        ...joinedText,
        ...shift.map((s) => s.short),
      ].join('; '),
      subject: name,
      evidence,
      wrongIf:
        'wrong if the change is a boundary of the logs (a restart, a log that starts or stops there) rather than of the program: check the captures on the timeline at that instant',
      weight: KIND_WEIGHT['gc-change'] + 0.1 * (Math.max(...event.map((c) => c.strength)) / strongest),
      link: { view: 'gc', selection, atMs: lead.atMs },
    };
  });
}

/** The width of one of the GC windows: changes this close together are one event. */
function windowMs(gc: GcWindows): number {
  const w = gc.windows[0];
  return w ? w.endMs - w.startMs : 0;
}

/**
 * "95% of the new allocation from render": where the growth enters the program's own code — the comparison's
 * suspect (docs/COMPARISON.md), whose total carries the growth — as a share of the growth; without a suspect, the
 * function whose own allocation grew the most. `short` for a title, `text` for the evidence.
 */
export function allocationShiftText(diff: DiffResult): { short: string; text: string }[] {
  const growth = diff.target.scaledTotal - diff.base.scaledTotal;
  if (!(growth > 0)) return [];
  const suspect = diff.suspects[0];
  const top = suspect
    ? { function: suspect.function, grew: suspect.target.total - suspect.base.total }
    : [...diff.rows].map((r) => ({ function: r.function, grew: r.delta.self })).sort((a, b) => b.grew - a.grew)[0];
  if (!top || top.grew <= 0) return [];
  const unit = diff.sampleType.unit;
  const share = `${formatPercent(Math.min(1, top.grew / growth))} of the new allocation from ${top.function}`;
  return [
    {
      short: share,
      text: `allocation ${formatValue(diff.base.scaledTotal, unit)}/s → ${formatValue(diff.target.scaledTotal, unit)}/s (the allocation profiles cut at the change); ${share}`,
    },
  ];
}

function regressionFindings({ selection, comparison }: FindingSources): Finding[] {
  if (!comparison) return [];
  const { diff, base } = comparison;
  const unit = diff.mode === 'normalized' ? '' : diff.sampleType.unit;
  return diff.suspects.slice(0, PER_KIND).map((suspect, i): Finding => {
    const delta = suspect.target.total - suspect.base.total;
    const valueText = (v: number) => (diff.mode === 'normalized' ? formatPercent(v) : formatValue(v, unit));
    return {
      kind: 'regression',
      title: `${suspect.function} ${delta >= 0 ? 'grew' : 'shrank'} from ${valueText(suspect.base.total)} to ${valueText(
        suspect.target.total,
      )}${diff.mode === 'per-second' ? ' per second' : ''} against the base`,
      subject: suspect.function,
      evidence: [
        suspect.reason,
        `call path: ${suspect.path.join(' → ')}`,
        ...(suspect.pValue === null ? [] : [`p = ${suspect.pValue.toExponential(1)} (two-sided, exact binomial)`]),
      ],
      wrongIf:
        'wrong if the two sides ran different work (another load, another input): compare windows of the same traffic',
      weight: KIND_WEIGHT.regression + 0.1 / (i + 1),
      link: { view: 'comparison', base, target: selection, function: suspect.function },
    };
  });
}
