/** A GC log: its pause statistics, pauses per kind of collection, and the pauses over time. */
import { useEffect } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { useGcDataStore } from './gcDataStore';
import { GcByKindTable } from './GcByKindTable';
import { GcPauseChart } from './GcPauseChart';
import { GcSummaryPanel } from './GcSummaryPanel';
import { ItemHeading } from '../app/ItemHeading';

export function GcLogView({ log }: { log: ItemSummary }) {
  const backend = useBackend();
  const { itemId, summary, events, error, load } = useGcDataStore();

  useEffect(() => {
    void load(backend, log.id);
  }, [backend, load, log.id]);

  // Until the store catches up with a new selection it still holds the previous log's data.
  const current = itemId === log.id;

  return (
    <section className="profile-view gc-view" aria-label={`GC log ${log.name}`}>
      <ItemHeading item={log} />
      {current && error !== null && (
        <p className="error-text" role="alert" data-testid="gc-error">
          Could not load this GC log: {error}
        </p>
      )}
      {current && summary ? (
        <div className="gc-overview">
          <GcSummaryPanel summary={summary} />
          <GcByKindTable summary={summary} />
        </div>
      ) : (
        error === null && <p className="loading-hint">Loading GC summary…</p>
      )}
      {current && events && <GcPauseChart events={events} />}
    </section>
  );
}
