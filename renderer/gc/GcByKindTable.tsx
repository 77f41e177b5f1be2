/** Collections and pause time per kind of collection ("young", "mixed", "full", …), in the log's own words. */
import type { GcSummary } from '../../shared/ipc/contract';
import { formatPercent, formatValue } from '../../shared/format/units';

export function GcByKindTable({ summary }: { summary: GcSummary }) {
  const share = (pauseMs: number): number => (summary.totalPauseMs > 0 ? pauseMs / summary.totalPauseMs : 0);
  return (
    <div className="table-scroll gc-by-kind-scroll">
      <table className="data-table" data-testid="gc-by-kind">
        <thead>
          <tr>
            <th className="plain-th">Kind</th>
            <th className="plain-th numeric">Count</th>
            <th className="plain-th numeric">Total pause</th>
            <th className="plain-th numeric">Share of pause</th>
          </tr>
        </thead>
        <tbody>
          {summary.byKind.map((row) => (
            <tr key={row.kind} data-testid="gc-kind-row" data-kind={row.kind}>
              <td data-col="kind" className="text-cell" title={row.kind}>
                {row.kind}
              </td>
              <td data-col="count" data-value={row.count} className="numeric">
                {formatValue(row.count, 'count')}
              </td>
              <td data-col="total-pause" data-value={row.totalPauseMs} className="numeric">
                {formatValue(row.totalPauseMs, 'milliseconds')}
              </td>
              <td data-col="pause-share" data-value={share(row.totalPauseMs)} className="numeric">
                {formatPercent(share(row.totalPauseMs))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
