/** `kiln search TEXT... [--limit N] [--json]``: functions of the whole catalogue whose names match, and where they are. */
import type { FunctionSearchHit, KilnServices } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';
import { limitOf } from './arguments';

const DEFAULT_LIMIT = 20;

export async function searchCommand(
  services: KilnServices,
  words: string[],
  limitText: string | undefined,
  json: boolean,
  io: Output,
): Promise<number> {
  // `kiln search runtime malloc` and `kiln search 'runtime malloc'` ask the same.
  const query = words.join(' ').trim();
  if (query === '') throw new UsageError('search needs the text to look for');
  const limit = limitOf(limitText, DEFAULT_LIMIT);
  let args;
  try {
    args = validateArgs('searchFunctions', { query, limit });
  } catch (error) {
    if (error instanceof ContractError) throw new UsageError(error.message);
    throw error;
  }
  const hits = await services.searchFunctions(args);
  if (json) {
    io.out(jsonWithoutControls(hits));
    return 0;
  }
  if (hits.length === 0) {
    io.out(escapeControls(`No function of the catalogue matches ${JSON.stringify(query)}.`));
    return 0;
  }
  io.out(
    formatTable(
      ['TOTAL%', 'TOTAL', 'SELF%', 'SELF', 'ID', 'ITEM', 'TYPE', 'FUNCTION', 'FILE'],
      hits.flatMap(rowsOf),
      new Set([0, 1, 2, 3, 4]),
    ),
  );
  for (const hit of hits) {
    const more = hit.profileCount - hit.profiles.length;
    if (more > 0) io.out(escapeControls(`${hit.function}: ${more} more item${more === 1 ? '' : 's'} not listed`));
  }
  return 0;
}

/** One row per item the function is in, largest share first (the order the services give). */
function rowsOf(hit: FunctionSearchHit): string[][] {
  return hit.profiles.map((p) => {
    const pct = (v: number): string => (p.profileTotal === 0 ? '' : `${((100 * v) / p.profileTotal).toFixed(2)}%`);
    return [
      pct(p.total),
      formatValue(p.total, p.sampleType.unit),
      pct(p.self),
      formatValue(p.self, p.sampleType.unit),
      String(p.itemId),
      p.name,
      p.sampleType.type,
      hit.function,
      hit.file,
    ];
  });
}
