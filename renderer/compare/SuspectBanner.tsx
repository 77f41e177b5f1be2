/**
 * The comparison's suspect above its table: the function, the path to it and the evidence, in plain text. "Not my
 * code" leaves the suspect's package out (a dependency or framework the user does not own) and the walk names the
 * next function of their own on the path; the packages left out are listed, each to take back.
 */
import type { DiffResult } from '../../shared/ipc/contract';
import { packageOf } from '../../shared/query/package-of';
import { useNotMineStore } from './notMineStore';

export function SuspectBanner({ diff }: { diff: DiffResult }) {
  const [suspect] = diff.suspects;
  const notMine = useNotMineStore((s) => s.packages);
  const add = useNotMineStore((s) => s.add);
  const remove = useNotMineStore((s) => s.remove);
  const pkg = suspect ? packageOf(suspect.function, suspect.file) : '';
  const excluded = notMine.length > 0 && (
    <div className="suspect-not-mine" data-testid="not-mine-list">
      Not my code:{' '}
      {notMine.map((p) => (
        <button key={p} type="button" className="chip" title={`Count ${p} as my code again`} onClick={() => remove(p)}>
          {p} ×
        </button>
      ))}
    </div>
  );
  if (!suspect) {
    return (
      <div className="suspect-banner suspect-none" data-testid="suspect-banner" data-function="">
        No suspect: no path of growth more than sampling noise reaches your own code.
        {excluded}
      </div>
    );
  }
  return (
    <div className="suspect-banner" data-testid="suspect-banner" data-function={suspect.function} role="status">
      <div className="suspect-title">
        Suspect: <strong>{suspect.function}</strong>
        {pkg !== '' && (
          <button
            type="button"
            className="suspect-not-mine-button"
            data-testid="not-mine"
            title={`Leave ${pkg} out of the suspects: it is not your code`}
            onClick={() => add(pkg)}
          >
            Not my code ({pkg})
          </button>
        )}
      </div>
      <div className="suspect-path" data-testid="suspect-path">
        {suspect.path.join(' → ')}
      </div>
      <div className="suspect-reason">{suspect.reason}</div>
      {excluded}
    </div>
  );
}
