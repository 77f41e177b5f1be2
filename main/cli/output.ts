/** Plain-text tables for the CLI's human-readable output. */
import { escapeControls } from '../../shared/format/control-chars';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/**
 * Left-aligns text columns and right-aligns the columns named in `numeric`.
 * Cells hold names from profiles: their control characters are escaped, so a
 * name can neither drive the terminal nor break the table's layout.
 */
export function formatTable(header: string[], rawRows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const rows = rawRows.map((row) => row.map(escapeControls));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
