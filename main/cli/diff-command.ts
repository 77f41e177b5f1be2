/**
 * `kiln diff BASE TARGET`: two selections compared function by function (getDiff, shared/query/diff.ts), the
 * suspect first, then the functions by how much their total changed. In absolute mode the rows are
 * `go tool pprof -top -diff_base=BASE TARGET`'s flat and cum per function. Without --mode the service picks it
 * (per-second when the sides' profiled times differ by more than 5%, else absolute; see DiffArgs.mode).
 */
import {
  DIFF_MODES,
  type DiffMode,
  type DiffResult,
  type DiffSideSummary,
  type KilnServices,
} from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatModeValue } from '../../shared/query/diff-side';
import { readItems } from '../../shared/query/window-summary';
import { formatTable, type Output } from './output';
import { sampleTypeOrSay } from './top-command';
import { UsageError } from './usage';
import { limitOf, selectionOf } from './arguments';

export interface DiffOptions {
  type?: string;
  mode?: string;
  limit?: string;
  filter?: string;
  'not-mine'?: string[];
  json: boolean;
}

export async function diffCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: DiffOptions,
  io: Output,
): Promise<number> {
  const [baseText, targetText, ...extra] = positionals;
  if (baseText === undefined || targetText === undefined || extra.length > 0) {
    throw new UsageError(
      'diff needs two selections, BASE and TARGET: item ids (12, 3-9), SERVICE or SERVICE@START/END',
    );
  }
  const base = selectionOf(baseText);
  const target = selectionOf(targetText);
  const limit = limitOf(options.limit, 20);
  if (options.mode !== undefined && !DIFF_MODES.includes(options.mode as DiffMode)) {
    throw new UsageError(`--mode must be one of ${DIFF_MODES.join(', ')}; got ${JSON.stringify(options.mode)}`);
  }

  const items = readItems(await services.listItems({ selection: target }), target);
  const first = items.find((item) => item.sampleTypes.length > 0);
  if (first === undefined) {
    io.err(escapeControls(`error: the target ${targetText} has no items with call stacks (see kiln ls)`));
    return 1;
  }
  const sampleType = sampleTypeOrSay(first, options.type, io);
  if (sampleType < 0) return 1;
  let args;
  try {
    args = validateArgs('getDiff', {
      base,
      target,
      sampleType,
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      limit,
      ...(options.filter ? { filters: options.filter } : {}),
      ...(options['not-mine'] ? { notMine: options['not-mine'] } : {}),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let diff: DiffResult;
  try {
    diff = await services.getDiff(args);
  } catch (error) {
    // Per second of a gauge, or of a side with no known profiled time: what was asked cannot be answered.
    if (error instanceof ContractError) throw new UsageError(error.message);
    throw error;
  }
  if (options.json) {
    io.out(jsonWithoutControls(jsonShape(diff)));
    return 0;
  }
  printDiff(diff, { base: baseText, target: targetText }, io);
  return 0;
}

/** The documented JSON shape (the issue's), values in the mode's numbers. */
function jsonShape(diff: DiffResult): unknown {
  const side = (s: DiffSideSummary) => ({ items: s.items, total: s.scaledTotal, samples: s.samples });
  return {
    base: side(diff.base),
    target: side(diff.target),
    rows: diff.rows.map((r) => ({
      function: r.function,
      file: r.file,
      base: r.base,
      target: r.target,
      delta: r.delta,
      significant: r.significant,
    })),
    suspects: diff.suspects.map((s) => ({ function: s.function, reason: s.reason, path: s.path })),
  };
}

function printDiff(diff: DiffResult, texts: { base: string; target: string }, io: Output): void {
  const unit = diff.sampleType.unit;
  const value = (v: number): string => formatModeValue(v, unit, diff.mode);
  const signedValue = (v: number): string => (v > 0 ? `+${value(v)}` : value(v));
  const sideLine = (name: string, text: string, s: DiffSideSummary): string =>
    `${name} ${text}: ${s.items.length} ${s.items.length === 1 ? 'item' : 'items'}, ${value(s.scaledTotal)}` +
    (s.samples === null ? ', samples unknown' : `, ${s.samples} samples`);
  io.out(escapeControls(sideLine('base  ', texts.base, diff.base)));
  io.out(escapeControls(sideLine('target', texts.target, diff.target)));
  io.out(`mode: ${diff.mode} (${diff.sampleType.type}/${unit})`);
  for (const suspect of diff.suspects) {
    io.out(escapeControls(`suspect: ${suspect.function} — ${suspect.reason}`));
    io.out(escapeControls(`  path: ${suspect.path.join(' → ')}`));
  }
  if (diff.suspects.length === 0) io.out('suspect: none (no path of significant growth reaches your own code)');
  const percent = (p: number | null): string => (p === null ? 'new' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);
  const significance = (s: boolean | null): string => (s === null ? '?' : s ? 'yes' : 'noise');
  io.out(
    formatTable(
      ['ΔTOTAL', 'ΔTOTAL%', 'BASE TOTAL', 'TARGET TOTAL', 'ΔSELF', 'SIGNIFICANT', 'FUNCTION'],
      diff.rows.map((r) => [
        signedValue(r.delta.total),
        r.delta.total === 0 ? '' : percent(r.deltaPercent.total),
        value(r.base.total),
        value(r.target.total),
        signedValue(r.delta.self),
        significance(r.significant),
        r.function,
      ]),
      new Set([0, 1, 2, 3, 4]),
    ),
  );
}
