/** A GC log's headline numbers. Each value carries its raw number in `data-value` for tests and copying. */
import type { GcSummary } from '../../shared/ipc/contract';
import { formatPercent, formatValue } from '../../shared/format/units';

interface Stat {
  /** `data-stat`: the hook tests read a value by. */
  id: string;
  label: string;
  /** Raw number; null when the log does not say. */
  value: number | null;
  text: string;
}

const ms = (value: number): string => formatValue(value, 'milliseconds');

function stats(summary: GcSummary): Stat[] {
  const pauses: [string, string, number][] = [
    ['total-pause', 'Total pause', summary.totalPauseMs],
    ['max-pause', 'Max pause', summary.maxPauseMs],
    ['p50-pause', 'p50 pause', summary.p50PauseMs],
    ['p90-pause', 'p90 pause', summary.p90PauseMs],
    ['p99-pause', 'p99 pause', summary.p99PauseMs],
  ];
  return [
    { id: 'gc-events', label: 'Collections', value: summary.gcEvents, text: formatValue(summary.gcEvents, 'count') },
    ...pauses.map(([id, label, value]) => ({ id, label, value, text: ms(value) })),
    {
      id: 'pause-percent',
      label: 'Paused',
      value: summary.pausePercent,
      text: summary.pausePercent === null ? 'unknown' : `${formatPercent(summary.pausePercent / 100)} of wall time`,
    },
  ];
}

export function GcSummaryPanel({ summary }: { summary: GcSummary }) {
  return (
    <dl className="gc-summary" data-testid="gc-summary">
      <div className="gc-stat">
        <dt>Collector</dt>
        <dd data-stat="collector" data-value={summary.collector ?? undefined}>
          {summary.collector ?? 'unknown'}
        </dd>
      </div>
      {stats(summary).map((stat) => (
        <div className="gc-stat" key={stat.id}>
          <dt>{stat.label}</dt>
          <dd data-stat={stat.id} data-value={stat.value === null ? undefined : String(stat.value)}>
            {stat.text}
          </dd>
        </div>
      ))}
    </dl>
  );
}
