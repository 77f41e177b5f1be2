/**
 * A retaining path as words: "root →[edge] Name (type, retained X) → …", from
 * the GC root down to the instance. The names come from the snapshot's strings
 * and end up as React text, never markup.
 */
import type { HeapRetainerStep } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';

/** One step, in parts the view styles apart; joined with spaces they read as the step's text. */
export interface RetainerStepText {
  /** The edge that reaches this step ("→[cache]", "→" when unnamed); null for the first step. */
  edge: string | null;
  name: string;
  /** "(object, retained 1.5 KiB)"; null for the root, whose retained size is the whole heap. */
  detail: string | null;
}

export function retainerSteps(path: readonly HeapRetainerStep[]): RetainerStepText[] {
  return path.map((step, i) => {
    const edge = i === 0 ? null : step.edgeName === '' ? '→' : `→[${step.edgeName}]`;
    // V8's synthetic root has no name; calling it "root" says where the path starts.
    if (i === 0 && step.nodeName === '') return { edge, name: 'root', detail: null };
    return {
      edge,
      name: step.nodeName === '' ? '(no name)' : step.nodeName,
      detail: `(${step.nodeType}, retained ${formatValue(step.retainedSize, 'bytes')})`,
    };
  });
}

export function retainerStepText(step: RetainerStepText): string {
  return [step.edge, step.name, step.detail].filter((part) => part !== null).join(' ');
}

export function retainerPathText(path: readonly HeapRetainerStep[]): string {
  return retainerSteps(path).map(retainerStepText).join(' ');
}
