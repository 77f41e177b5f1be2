/** The comparison's suspect above its table: the function, the path to it and the evidence, in plain text. */
import type { DiffResult } from '../../shared/ipc/contract';

export function SuspectBanner({ diff }: { diff: DiffResult }) {
  const [suspect] = diff.suspects;
  if (!suspect) {
    return (
      <p className="suspect-banner suspect-none" data-testid="suspect-banner" data-function="">
        No suspect: no path of growth more than sampling noise reaches your own code.
      </p>
    );
  }
  return (
    <div className="suspect-banner" data-testid="suspect-banner" data-function={suspect.function} role="status">
      <div className="suspect-title">
        Suspect: <strong>{suspect.function}</strong>
      </div>
      <div className="suspect-path" data-testid="suspect-path">
        {suspect.path.join(' → ')}
      </div>
      <div className="suspect-reason">{suspect.reason}</div>
    </div>
  );
}
