/**
 * `kiln gc SELECTION [--windows N] [--json]`: GC statistics of a selection's GC logs (and JFR recordings' GC events),
 * whole and in N equal windows of its span, and where frequency, allocation rate or pauses changed (getGcWindows,
 * shared/gc/windows.ts; definitions in docs/MEMORY.md). --json prints the GcWindows object.
 */
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import type { KilnServices } from '../../shared/ipc/contract';
import type { GcChange, GcWindowStats, GcWindows } from '../../shared/ipc/memory-contract';
import { validateArgs } from '../../shared/ipc/validate';
import type { MemoryOptions } from './memory-options';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';
import { oneSelection } from './arguments';

export async function gcCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: MemoryOptions,
  io: Output,
): Promise<number> {
  const { selection } = oneSelection('gc', positionals);
  const windows = options.windows === undefined ? undefined : Number(options.windows);
  if (windows !== undefined && (!Number.isSafeInteger(windows) || windows < 1)) {
    throw new UsageError('--windows must be a positive integer');
  }
  let args;
  try {
    args = validateArgs('getGcWindows', {
      selection,
      ...(windows === undefined ? {} : { windows }),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const result = await services.getGcWindows(args);
  if (options.json) {
    io.out(jsonWithoutControls(result));
    return 0;
  }
  printGc(result, io);
  return 0;
}

const MB = 1e6;

/** "14:02:10 UTC" (with the date when the span crosses days: ISO date first). */
function clock(ms: number, withDate: boolean): string {
  const iso = new Date(ms).toISOString();
  return `${withDate ? iso.slice(0, 10) + ' ' : ''}${iso.slice(11, 19)}${withDate ? '' : ' UTC'}`;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const bytes = (v: number | null): string => (v === null ? '?' : formatValue(v, 'bytes'));
const perSecond = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** A change as a sentence: "GC frequency rose from 0.2/s to 5.0/s at 14:02:10 UTC". */
export function changeSentence(change: GcChange, withDate = false): string {
  const rose = change.after > change.before ? 'rose' : 'fell';
  const at = clock(change.atMs, withDate);
  const strength = `(LLR ${change.strength.toFixed(1)}${change.threshold === undefined ? '' : ` > ${change.threshold.toFixed(1)}`})`;
  switch (change.measure) {
    case 'frequency':
      return `GC frequency ${rose} from ${perSecond(change.before)}/s to ${perSecond(change.after)}/s at ${at} ${strength}`;
    case 'allocation-rate':
      return (
        `allocation rate ${rose} from ${(change.before / MB).toFixed(1)} MB/s to ${(change.after / MB).toFixed(1)} MB/s ` +
        `at ${at} ${strength}`
      );
    case 'pause':
      return `median GC pause ${rose} from ${ms(change.before)} ms to ${ms(change.after)} ms at ${at} ${strength}`;
  }
}

function row(label: string, w: GcWindowStats): string[] {
  return [
    label,
    String(w.events),
    w.pauses === null ? '' : ms(w.pauses.p50),
    w.pauses === null ? '' : ms(w.pauses.p99),
    w.pauses === null ? '' : ms(w.pauses.max),
    `${w.pausedPercent.toFixed(2)}%`,
    perSecond(w.frequency),
    w.allocationRate === null ? '?' : (w.allocationRate / MB).toFixed(1),
    w.liveHeap.first === null ? '' : `${bytes(w.liveHeap.first)} → ${bytes(w.liveHeap.last)}`,
  ];
}

function printGc(result: GcWindows, io: Output): void {
  const withDate =
    new Date(result.total.startMs).toISOString().slice(0, 10) !==
    new Date(result.total.endMs).toISOString().slice(0, 10);
  for (const log of result.logs) {
    const twin = log.sameProcessAs == null ? '' : ` (same process as item ${log.sameProcessAs}: not counted again)`;
    io.out(
      escapeControls(`log ${log.itemId}: ${log.format}${log.collector === null ? '' : `, ${log.collector}`}${twin}`),
    );
  }
  const seconds = (result.total.endMs - result.total.startMs) / 1000;
  io.out(
    `span: ${new Date(result.total.startMs).toISOString()} + ${seconds.toFixed(1)} s in ${result.windows.length} windows (pauses: nearest-rank percentiles, ms)`,
  );
  io.out(
    formatTable(
      ['START (UTC)', 'EVENTS', 'P50', 'P99', 'MAX', 'PAUSED', 'GC/S', 'ALLOC MB/S', 'LIVE HEAP FIRST → LAST'],
      [...result.windows.map((w) => row(clock(w.startMs, withDate), w)), row('total', result.total)],
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ),
  );
  if (result.changes.length === 0) io.out('changes: none significant (frequency, allocation rate, pause)');
  for (const change of result.changes) io.out(changeSentence(change, withDate));
}
