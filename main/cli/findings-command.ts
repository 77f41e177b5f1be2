/**
 * `kiln findings SELECTION [--base SEL] [--json]`: what Kiln concludes about a selection (getFindings), most
 * important first, each with its evidence, what would make it wrong, and the command that shows it.
 */
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import type { KilnServices } from '../../shared/ipc/contract';
import type { Finding, FindingView } from '../../shared/ipc/memory-contract';
import { formatSelection } from '../../shared/capture/selection';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { oneSelection, selectionOf } from './arguments';
import type { MemoryOptions } from './memory-options';
import type { Output } from './output';
import { UsageError } from './usage';

export async function findingsCommand(
  services: KilnServices,
  positionals: readonly string[],
  options: MemoryOptions,
  io: Output,
): Promise<number> {
  const { text, selection } = oneSelection('findings', positionals);
  let args;
  try {
    args = validateArgs('getFindings', {
      selection,
      ...(options.base === undefined ? {} : { base: selectionOf(options.base) }),
    });
  } catch (error) {
    if (error instanceof ContractError) throw new UsageError(error.message);
    throw error;
  }
  const { findings } = await services.getFindings(args);
  if (options.json) {
    io.out(jsonWithoutControls({ findings }));
    return 0;
  }
  if (findings.length === 0) {
    io.out(escapeControls(`no findings for ${text}: nothing grows, no GC change, no suspect`));
    return 0;
  }
  findings.forEach((finding, i) => printFinding(finding, i + 1, io));
  return 0;
}

function printFinding(finding: Finding, n: number, io: Output): void {
  io.out(escapeControls(`${n}. [${finding.kind}] ${finding.title}`));
  for (const line of finding.evidence) io.out(escapeControls(`   - ${line}`));
  io.out(escapeControls(`   ${finding.wrongIf}`));
  io.out(escapeControls(`   see: ${commandOf(finding.link)}`));
}

/** The command that shows a finding's evidence. */
function commandOf(link: FindingView): string {
  const quoted = (s: string) => (/^[\w@.:,=;-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  switch (link.view) {
    case 'leaks':
      return `kiln leaks ${quoted(formatSelection(link.selection))}`;
    case 'gc':
      return `kiln gc ${quoted(formatSelection(link.selection))}`;
    case 'heap-diff':
      return `kiln heap-diff ${link.itemIds.join(' ')}`;
    case 'comparison':
      return `kiln diff ${quoted(formatSelection(link.base))} ${quoted(formatSelection(link.target))}`;
  }
}
