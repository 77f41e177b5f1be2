/** GC per window: events, pause percentiles, % paused, GC/s, allocation rate and live heap first → last. */
import type { GcWindowStats } from '../../shared/ipc/memory-contract';
import { formatValue } from '../../shared/format/units';
import { formatLocalDateTime, zoneLabel } from '../app/formatDate';
import { rateText } from './gcText';

const ms = (value: number | undefined): string => (value === undefined ? '—' : `${Number(value.toPrecision(3))} ms`);
const bytes = (value: number | null): string => (value === null ? '—' : formatValue(value, 'bytes'));

export function GcWindowsTable({ windows, focusMs }: { windows: readonly GcWindowStats[]; focusMs: number | null }) {
  const zone = zoneLabel(windows[0]?.startMs ?? 0);
  return (
    <div className="table-scroll gc-windows-scroll">
      <table className="data-table gc-windows-table" data-testid="gc-windows-table">
        <thead>
          <tr>
            <th>Start ({zone})</th>
            <th className="numeric">Events</th>
            <th className="numeric">GCs</th>
            <th className="numeric">p50</th>
            <th className="numeric">p90</th>
            <th className="numeric">p99</th>
            <th className="numeric">Max</th>
            <th className="numeric">% paused</th>
            <th className="numeric">GC/s</th>
            <th className="numeric">Alloc MB/s</th>
            <th className="numeric">Live heap first → last</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => {
            const focused = focusMs !== null && focusMs >= w.startMs && focusMs < w.endMs;
            return (
              <tr
                key={w.startMs}
                data-testid="gc-window-row"
                data-start-ms={w.startMs}
                data-end-ms={w.endMs}
                data-events={w.events}
                data-collections={w.collections ?? w.events}
                className={focused ? 'selected' : undefined}
              >
                <td className="text-cell">{formatLocalDateTime(w.startMs, true)}</td>
                <td className="numeric" data-col="events">
                  {formatValue(w.events, 'count')}
                </td>
                <td className="numeric">{formatValue(w.collections ?? w.events, 'count')}</td>
                <td className="numeric">{ms(w.pauses?.p50)}</td>
                <td className="numeric">{ms(w.pauses?.p90)}</td>
                <td className="numeric">{ms(w.pauses?.p99)}</td>
                <td className="numeric">{ms(w.pauses?.max)}</td>
                <td className="numeric">{rateText(w.pausedPercent)}%</td>
                <td className="numeric">{rateText(w.frequency)}</td>
                <td className="numeric">{w.allocationRate === null ? '—' : rateText(w.allocationRate / 1e6)}</td>
                <td className="numeric">
                  {bytes(w.liveHeap.first)} → {bytes(w.liveHeap.last)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The whole selection in a line: "1,270 events (1,270 GCs) over 10.1 s · pauses p50 … · 0.9% paused · …". */
export function totalsText(total: GcWindowStats): string {
  const span = (total.endMs - total.startMs) / 1000;
  const parts = [
    `${formatValue(total.events, 'count')} events (${formatValue(total.collections ?? total.events, 'count')} collections) over ${rateText(span)} s`,
    total.pauses
      ? `pauses p50 ${ms(total.pauses.p50)}, p99 ${ms(total.pauses.p99)}, max ${ms(total.pauses.max)}, total ${ms(total.pauses.total)}`
      : 'no stop-the-world pauses',
    `${rateText(total.pausedPercent)}% paused`,
    `${rateText(total.frequency)} GC/s`,
  ];
  if (total.allocationRate !== null) parts.push(`allocation ${rateText(total.allocationRate / 1e6)} MB/s`);
  if (total.liveHeap.first !== null || total.liveHeap.last !== null) {
    parts.push(`live heap ${bytes(total.liveHeap.first)} → ${bytes(total.liveHeap.last)}`);
  }
  return parts.join(' · ');
}
