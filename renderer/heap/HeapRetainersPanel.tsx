/**
 * What keeps the chosen class alive: the shortest paths from the GC roots to its
 * heaviest instance, each as one line of text from the root down.
 */
import { formatValue } from '../../shared/format/units';
import { retainerSteps } from './retainerPath';
import { useHeapRetainersStore } from './heapRetainersStore';

export function HeapRetainersPanel({ itemId }: { itemId: number }) {
  const chosenProfileId = useHeapRetainersStore((s) => s.itemId);
  const className = useHeapRetainersStore((s) => s.className);
  const retainers = useHeapRetainersStore((s) => s.retainers);
  const error = useHeapRetainersStore((s) => s.error);

  if (chosenProfileId !== itemId || className === null) {
    return <p className="empty-hint">Choose a class to see what keeps its largest instance alive.</p>;
  }
  const loaded = retainers !== null && retainers.className === className ? retainers : null;
  const instance = loaded?.instance ?? null;

  return (
    <section className="heap-retainers" data-testid="heap-retainers" aria-label="Retaining paths">
      <h3>
        Retaining paths of <span className="class-name">{className}</span>
      </h3>
      {error !== null && (
        <p className="error-text" role="alert" data-testid="retainers-error">
          Could not load the retaining paths: {error}
        </p>
      )}
      {loaded === null && error === null && <p className="loading-hint">Loading retaining paths…</p>}
      {loaded !== null && instance === null && <p className="empty-hint">No instance of this class was found.</p>}
      {instance !== null && (
        <p
          className="retainer-instance"
          data-testid="retainer-instance"
          data-node-id={instance.nodeId}
          data-self-size={instance.selfSize}
          data-retained-size={instance.retainedSize}
        >
          Largest instance @{instance.nodeId}: self {formatValue(instance.selfSize, 'bytes')}, retained{' '}
          {formatValue(instance.retainedSize, 'bytes')}
        </p>
      )}
      {instance !== null && loaded !== null && loaded.paths.length === 0 && (
        <p className="empty-hint">No path from a GC root reaches this instance.</p>
      )}
      {loaded !== null && loaded.paths.length > 0 && (
        <ol className="retainer-paths">
          {loaded.paths.map((path, pathIndex) => (
            <li key={pathIndex} data-testid="retainer-path" data-steps={path.length}>
              {/* Text content reads exactly as retainerPathText: parts joined by single spaces. */}
              {retainerSteps(path).map((step, index) => (
                <span key={index} className="retainer-step">
                  {index > 0 && ' '}
                  {step.edge !== null && <span className="retainer-edge">{step.edge} </span>}
                  <span className="retainer-node">{step.name}</span>
                  {step.detail !== null && <span className="retainer-detail"> {step.detail}</span>}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
