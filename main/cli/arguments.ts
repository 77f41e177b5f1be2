/** What several commands read from their arguments the same way: a selection as typed, and `--limit`. */
import { parseSelectionArgument, SelectionSyntaxError, type Selection } from '../../shared/capture/selection';
import { UsageError } from './usage';

/** A selection as typed on the command line (shared/capture/selection.ts); a syntax error is a usage error (exit 2). */
export function selectionOf(text: string): Selection {
  try {
    return parseSelectionArgument(text);
  } catch (error) {
    if (error instanceof SelectionSyntaxError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--limit N`: a positive integer, `fallback` when absent. */
export function limitOf(text: string | undefined, fallback: number): number {
  const limit = text === undefined ? fallback : Number(text);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
  return limit;
}

/** The one SELECTION a command takes (leaks, gc, findings): exactly one positional, else a usage error. */
export function oneSelection(command: string, positionals: readonly string[]): { text: string; selection: Selection } {
  const [text, ...extra] = positionals;
  if (text === undefined || extra.length > 0) {
    throw new UsageError(`${command} needs one selection: item ids (12, 3-9), SERVICE or SERVICE@START/END`);
  }
  return { text, selection: selectionOf(text) };
}
