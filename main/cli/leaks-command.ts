/**
 * `kiln leaks SELECTION [--type T] [--limit N] [--json]`: what grows in memory across a selection's heap captures
 * (getLeaks, shared/memory/leak-view.ts), each function (class, for heap snapshots) with its verdict — growing,
 * plateau, stable, shrinking (the rule: docs/MEMORY.md) — growing first.
 */
import type { KilnServices } from '../../shared/ipc/contract';
import type { LeakRow, LeaksResult } from '../../shared/ipc/memory-contract';
import { validateArgs } from '../../shared/ipc/validate';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import { formatTable, type Output } from './output';
import type { MemoryOptions } from './memory-options';
import { UsageError } from './usage';
import { limitOf, oneSelection } from './arguments';

const BLOCKS = '▁▂▃▄▅▆▇█';

export async function leaksCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: MemoryOptions,
  io: Output,
): Promise<number> {
  const { selection } = oneSelection('leaks', positionals);
  const limit = limitOf(options.limit, 20);
  let args;
  try {
    args = validateArgs('getLeaks', {
      selection,
      limit,
      ...(options.type === undefined ? {} : { sampleType: options.type }),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const result = await services.getLeaks(args);
  if (options.json) {
    io.out(jsonWithoutControls(jsonShape(result)));
    return 0;
  }
  printLeaks(result, io);
  return 0;
}

/** The keys (function, verdict, slope, r2, first, last, series), then the rest of the evidence. */
function jsonShape(result: LeaksResult): unknown {
  return {
    rows: result.rows.map((r) => ({
      function: r.function,
      verdict: r.verdict,
      slope: r.slope,
      r2: r.r2,
      first: r.first,
      last: r.last,
      series: r.series,
      file: r.file,
      peak: r.peak,
      levelledAt: r.levelledAt,
      noiseBand: r.noiseBand,
      risingShare: r.risingShare,
      secondsToLimit: r.secondsToLimit,
      wrongIf: r.wrongIf,
    })),
    sampleType: result.sampleType,
    captures: result.captures,
    limitBytes: result.limitBytes,
  };
}

function printLeaks(result: LeaksResult, io: Output): void {
  const { unit, type } = result.sampleType;
  const n = result.captures.length;
  io.out(
    `${n} ${n === 1 ? 'capture' : 'captures'} (${type}/${unit}), growing first; rule and noise band: docs/MEMORY.md`,
  );
  if (result.rows.length === 0) {
    io.out('nothing at 1% of the heap or more');
    return;
  }
  io.out(
    formatTable(
      ['VERDICT', 'FUNCTION', 'FIRST → LAST', 'SLOPE/MIN', 'R²', 'SERIES', 'NOTE'],
      result.rows.map((r) => [
        r.verdict,
        escapeControls(r.function),
        `${formatValue(r.first, unit)} → ${formatValue(r.last, unit)}`,
        `${r.slope * 60 > 0 ? '+' : ''}${formatValue(r.slope * 60, unit)}/min`,
        r.r2.toFixed(2),
        sparkline(r.series),
        note(r, unit),
      ]),
      new Set([3, 4]),
    ),
  );
}

/** The series as unicode blocks, from 0 (▁) to the row's peak (█). */
export function sparkline(series: readonly number[]): string {
  const peak = Math.max(0, ...series);
  return series
    .map(
      (v) =>
        BLOCKS[
          peak <= 0 ? 0 : Math.min(BLOCKS.length - 1, Math.floor((Math.max(v, 0) / peak) * (BLOCKS.length - 1) + 0.5))
        ],
    )
    .join('');
}

function note(r: LeakRow, unit: string): string {
  const band = `±${formatValue(r.noiseBand, unit)}`;
  if (r.verdict === 'plateau' && r.levelledAt !== null) return `levelled at capture ${r.levelledAt + 1} (${band})`;
  if (r.verdict === 'growing' && r.secondsToLimit !== null)
    return `limit in ${Math.round(r.secondsToLimit)} s (${band})`;
  return band;
}
