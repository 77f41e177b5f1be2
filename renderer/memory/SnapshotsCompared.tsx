/**
 * The Snapshots tab: with two or more heap snapshots, their comparison per class and the retainer tree of the chosen
 * class's new instances (the top grower at first, or the class a finding pointed at); with one — or "Dominators"
 * chosen — a snapshot's dominator tree.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { useBackend } from '../backend/BackendContext';
import { DominatorTree } from './DominatorTree';
import { HeapDiffTable } from './HeapDiffTable';
import { RetainerTree } from './RetainerTree';
import { snapshotTitle } from './snapshotLabel';
import { useHeapDiffStore } from './snapshotsStore';
import { useWorkbenchStore } from './workbenchStore';
import './Snapshots.css';

type Mode = 'compare' | 'dominators';

export function SnapshotsCompared({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  void selection;
  // Time order (the comparison's first → last); snapshots without a capture time keep the catalogue's id order.
  const snapshots = useMemo(
    () =>
      items
        .filter((i) => i.kind === 'heap-snapshot')
        .sort((a, b) => (a.capturedAtMs ?? 0) - (b.capturedAtMs ?? 0) || a.id - b.id),
    [items],
  );
  const [mode, setMode] = useState<Mode>('compare');
  const [dominatorOf, setDominatorOf] = useState<number | null>(null);
  const comparing = snapshots.length >= 2 && mode === 'compare';
  const chosen = snapshots.find((s) => s.id === dominatorOf) ?? snapshots[snapshots.length - 1];

  if (snapshots.length === 0) return <p className="empty-hint">The selection holds no heap snapshot.</p>;
  return (
    <div className="snapshots-tab" data-testid="snapshots-tab">
      {snapshots.length >= 2 && (
        <div className="segmented" role="radiogroup" aria-label="Snapshots view">
          {(['compare', 'dominators'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'segment selected' : 'segment'}
              data-testid={`snapshots-mode-${m}`}
              onClick={() => setMode(m)}
            >
              {m === 'compare' ? `Compare ${snapshots.length} snapshots` : 'Dominators'}
            </button>
          ))}
          {mode === 'dominators' && (
            <select
              aria-label="Snapshot"
              data-testid="dominator-snapshot"
              value={chosen?.id}
              onChange={(event) => setDominatorOf(Number(event.target.value))}
            >
              {snapshots.map((s, i) => (
                <option key={s.id} value={s.id}>
                  #{i + 1} {s.name}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {comparing ? <Comparison itemIds={snapshots.map((s) => s.id)} /> : chosen && <DominatorTree snapshot={chosen} />}
    </div>
  );
}

function Comparison({ itemIds }: { itemIds: number[] }) {
  const backend = useBackend();
  const key = itemIds.join(',');
  const load = useHeapDiffStore((s) => s.load);
  const loadedKey = useHeapDiffStore((s) => s.key);
  const diff = useHeapDiffStore((s) => s.diff);
  const error = useHeapDiffStore((s) => s.error);
  const focusClass = useWorkbenchStore((s) => s.focus.class);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    void load(backend, key.split(',').map(Number));
  }, [backend, load, key]);

  if (loadedKey !== key || (diff === null && error === null)) {
    return <p className="loading-hint">Comparing the snapshots…</p>;
  }
  if (error !== null || diff === null) {
    return (
      <p className="error-text" role="alert" data-testid="heap-diff-error">
        Could not compare the snapshots: {error}
      </p>
    );
  }
  const has = (name: string | null | undefined): name is string =>
    typeof name === 'string' && diff.rows.some((r) => r.class === name);
  // The user's pick, else the class a finding pointed at, else the top grower the service traced (its first path:
  // the service traces JavaScript constructors, not V8's own "(string)", "(closure)" categories), else the top row.
  const selected = has(picked)
    ? picked
    : has(focusClass)
      ? focusClass
      : (diff.paths[0]?.class ?? diff.rows[0]?.class ?? null);
  const path = diff.paths.find((p) => p.class === selected);
  return (
    <>
      <p className="snapshots-list" data-testid="heap-diff-snapshots">
        {diff.snapshots.map((s, i) => (
          <span key={s.itemId} className="snapshot-chip">
            {snapshotTitle(s, i)}: {formatValue(s.nodes, 'count')} objects, {formatValue(s.selfSize, 'bytes')}
          </span>
        ))}
      </p>
      <HeapDiffTable diff={diff} selectedClass={selected} onSelect={setPicked} />
      {selected !== null && path ? (
        <RetainerTree key={`${key}:${selected}`} className={selected} tree={path.tree} total={path.instances} />
      ) : (
        selected !== null && (
          <p className="empty-hint" data-testid="retainer-tree-none">
            No retainer tree for <span className="class-name">{selected}</span>: the comparison traces the new instances
            of {diff.paths.length === 0 ? 'no class' : diff.paths.map((p) => p.class).join(', ')} only.
          </p>
        )
      )}
    </>
  );
}
