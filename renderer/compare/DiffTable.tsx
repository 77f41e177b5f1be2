/**
 * The signed table: functions by how much their total changed, A, B and the change for total and self, and whether
 * the change is more than sampling noise; a search narrows it by name. Names are text, never markup.
 */
import { useMemo, useState } from 'react';
import type { DiffResult } from '../../shared/ipc/contract';
import { changeText, significanceText } from './diffText';
import { Sparkline } from './Sparkline';

export function DiffTable({
  diff,
  format,
  floor,
}: {
  diff: DiffResult;
  format: (value: number) => string;
  /** Changes in total smaller than this (the mode's numbers) are left out. */
  floor: number;
}) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return diff.rows.filter(
      (r) => Math.abs(r.delta.total) >= floor && (needle === '' || r.function.toLowerCase().includes(needle)),
    );
  }, [diff, query, floor]);
  return (
    <section className="diff-table" aria-label="Functions by change">
      <div className="diff-table-toolbar">
        <input
          type="search"
          placeholder="Filter functions"
          aria-label="Filter functions"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="diff-table-count">
          {rows.length} of {diff.rows.length} functions, largest changes first
        </span>
      </div>
      <table data-testid="diff-table">
        <thead>
          <tr>
            <th>Function</th>
            <th className="num">Total A</th>
            <th className="num">Total B</th>
            <th className="num">Δ total</th>
            <th className="num">Self A</th>
            <th className="num">Self B</th>
            <th className="num">Δ self</th>
            <th>Noise?</th>
            <th title="The function's total in each capture of A (amber), then of B (blue)">Across captures</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.function}\u0000${r.file}`}
              data-testid="diff-row"
              data-function={r.function}
              data-delta-total={r.delta.total}
              data-significant={String(r.significant)}
              className={r.significant === false ? 'diff-noise' : r.delta.total > 0 ? 'diff-more' : 'diff-less'}
            >
              <td title={r.file}>{r.function}</td>
              <td className="num">{format(r.base.total)}</td>
              <td className="num">{format(r.target.total)}</td>
              <td className="num">{changeText(r.base.total, r.target.total, format)}</td>
              <td className="num">{format(r.base.self)}</td>
              <td className="num">{format(r.target.self)}</td>
              <td className="num">{changeText(r.base.self, r.target.self, format)}</td>
              <td title={significanceText(r.significant, r.pValue)}>
                {r.significant === null ? '?' : r.significant ? 'no' : 'yes'}
              </td>
              <td>{r.series && <Sparkline series={r.series} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
