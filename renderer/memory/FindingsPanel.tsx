/**
 * What Kiln concludes about the selection (getFindings), most important first as the service orders them: each
 * finding's kind, title, the numbers behind it, what would make it wrong, and a link to the view that shows the
 * evidence. Titles and evidence name functions from the files: text nodes only.
 */
import { useEffect, useMemo } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import type { Finding, FindingKind, FindingView } from '../../shared/ipc/memory-contract';
import { useViewStore } from '../app/viewStore';
import { sameSelection } from '../compare/CompareBar';
import { useBackend } from '../backend/BackendContext';
import { useFindingsStore } from './memoryStores';
import { wrongIfText } from './memoryText';
import { useWorkbenchStore } from './workbenchStore';
import './Memory.css';

const KIND_LABELS: Record<FindingKind, string> = {
  leak: 'likely leak',
  cache: 'bounded cache',
  'gc-change': 'GC change',
  'heap-growth': 'heap growth',
  regression: 'regression',
};

const LINK_LABELS: Record<FindingView['view'], string> = {
  leaks: 'Show in Memory over time',
  gc: 'Show in GC',
  'heap-diff': 'Show in Snapshots',
  comparison: 'Show the comparison',
};

export function FindingsPanel({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  const backend = useBackend();
  const base = useViewStore((s) => s.base);
  // With a baseline set (the comparison), the findings include its suspects.
  const request = useMemo(
    () => (base !== null && !sameSelection(base, selection) ? { selection, base } : { selection }),
    [base, selection],
  );
  const key = JSON.stringify(request);
  const store = useFindingsStore();
  useEffect(() => {
    void useFindingsStore.getState().load(backend, request);
  }, [backend, request]);
  if (store.key === key && store.error !== null) {
    return (
      <p className="error-text" role="alert" data-testid="findings-error">
        Could not work out the findings: {store.error}
      </p>
    );
  }
  const findings = store.key === key ? store.data?.findings : undefined;
  if (findings === undefined) return <p className="loading-hint">Working out the findings…</p>;
  if (findings.length === 0) {
    return (
      <p className="empty-hint" data-testid="findings-empty">
        Nothing to report in these {items.length} captures: no growth beyond sampling noise, no change of GC behaviour.
      </p>
    );
  }
  return (
    <section className="findings" aria-label="Findings">
      <h3>
        Findings <span className="memory-muted">({findings.length}, most important first)</span>
      </h3>
      <ol className="findings-list" data-testid="findings-list">
        {findings.map((finding, i) => (
          <FindingItem key={i} finding={finding} />
        ))}
      </ol>
    </section>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  const openFinding = useWorkbenchStore((s) => s.openFinding);
  const setBase = useViewStore((s) => s.setBase);
  const open = (): void => {
    if (finding.link.view === 'comparison') setBase(finding.link.base);
    openFinding(finding.link);
  };
  return (
    <li
      className="finding"
      data-testid="finding"
      data-kind={finding.kind}
      data-subject={finding.subject}
      data-weight={finding.weight}
    >
      <div className="finding-head">
        <span className={`finding-kind finding-kind-${finding.kind}`}>{KIND_LABELS[finding.kind]}</span>
        <span className="finding-title" data-testid="finding-title">
          {finding.title}
        </span>
      </div>
      <ul className="finding-evidence" data-testid="finding-evidence">
        {finding.evidence.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <p className="wrong-if" data-testid="finding-wrong-if">
        <strong>Wrong if:</strong> {wrongIfText(finding.wrongIf)}
      </p>
      <button type="button" className="link-button" data-testid="finding-link" onClick={open}>
        {LINK_LABELS[finding.link.view]} →
      </button>
    </li>
  );
}
