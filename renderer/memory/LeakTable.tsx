/**
 * The leak-or-cache ranking: each function's verdict and its evidence (first → last, slope per minute, R², the share
 * of capture-to-capture steps that rose, where a plateau levelled off) and a sparkline of its series; leak candidates
 * first, as getLeaks orders them. Selecting a row selects the function (as a band click does) and opens the row's
 * evidence with what would make the verdict wrong. Names are text, never markup.
 */
import { Fragment } from 'react';
import type { LeakRow, LeaksResult } from '../../shared/ipc/memory-contract';
import { formatPercent, formatValue } from '../../shared/format/units';
import { formatLocalDateTime } from '../app/formatDate';
import { Sparkline } from '../compare/Sparkline';
import {
  durationText,
  exactValue,
  r2Text,
  slopePerMinute,
  VERDICT_LABELS,
  VERDICT_MEANING,
  wrongIfText,
} from './memoryText';

const COLUMNS = 9;

export function LeakTable({
  leaks,
  selectedFunction,
  onSelect,
}: {
  leaks: LeaksResult;
  selectedFunction: string | null;
  onSelect(functionName: string | null): void;
}) {
  const unit = leaks.sampleType.unit;
  const candidates = leaks.rows.filter((r) => r.verdict === 'growing').length;
  return (
    <section className="leak-table" aria-label="Leak or cache">
      <h3>
        Leak or cache{' '}
        <span className="memory-muted">
          ({leaks.rows.length} functions over {leaks.captures.length} captures, {candidates} growing; leak candidates
          first)
        </span>
      </h3>
      <table data-testid="leak-table">
        <thead>
          <tr>
            <th>Verdict</th>
            <th>Function</th>
            <th className="num">First</th>
            <th className="num">Last</th>
            <th className="num" title="Least-squares slope over the captures' wall-clock times">
              Slope
            </th>
            <th className="num" title="How well a straight line fits the series (1: perfectly)">
              R²
            </th>
            <th className="num" title="Share of capture-to-capture steps that rose by more than the noise band">
              Rising
            </th>
            <th title="Plateaus: the capture from which the series held within the noise band">Levelled off</th>
            <th title="The function's heap in use in each capture, first to last">Across captures</th>
          </tr>
        </thead>
        <tbody>
          {leaks.rows.map((row) => {
            const selected = row.function === selectedFunction;
            return (
              <Fragment key={`${row.function}\u0000${row.file}`}>
                <tr
                  data-testid="leak-row"
                  data-function={row.function}
                  data-verdict={row.verdict}
                  aria-selected={selected}
                  className={selected ? 'leak-row selected' : 'leak-row'}
                  tabIndex={0}
                  onClick={() => onSelect(selected ? null : row.function)}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter' && event.key !== ' ') return;
                    event.preventDefault();
                    onSelect(selected ? null : row.function);
                  }}
                >
                  <td>
                    <span className={`verdict-badge verdict-${row.verdict}`} title={VERDICT_MEANING[row.verdict]}>
                      {VERDICT_LABELS[row.verdict]}
                    </span>
                  </td>
                  <td className="leak-function" title={row.file}>
                    {row.function}
                  </td>
                  <td className="num" title={exactValue(row.first, unit)}>
                    {formatValue(row.first, unit)}
                  </td>
                  <td className="num" title={exactValue(row.last, unit)}>
                    {formatValue(row.last, unit)}
                  </td>
                  <td className="num" data-col="slope" data-value={row.slope}>
                    {slopePerMinute(row.slope, unit)}
                  </td>
                  <td className="num" data-col="r2" data-value={row.r2}>
                    {r2Text(row.r2)}
                  </td>
                  <td className="num">{formatPercent(row.risingShare)}</td>
                  <td data-col="levelled">{levelledText(row, leaks)}</td>
                  <td>
                    <Sparkline series={{ base: [], target: row.series }} />
                  </td>
                </tr>
                {selected && (
                  <tr className="leak-evidence" data-testid="leak-evidence">
                    <td colSpan={COLUMNS}>
                      <LeakEvidence row={row} unit={unit} limitBytes={leaks.limitBytes} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function levelledText(row: LeakRow, leaks: LeaksResult): string {
  if (row.verdict !== 'plateau' || row.levelledAt === null) return '';
  const capture = leaks.captures[row.levelledAt];
  return `capture ${row.levelledAt + 1}${capture ? ` (${formatLocalDateTime(capture.atMs)})` : ''}`;
}

function LeakEvidence({ row, unit, limitBytes }: { row: LeakRow; unit: string; limitBytes: number | null }) {
  return (
    <div className="leak-evidence-body">
      <p>
        {VERDICT_MEANING[row.verdict]}. {exactValue(row.first, unit)} → {exactValue(row.last, unit)} (peak{' '}
        {exactValue(row.peak, unit)}); changes within ±{exactValue(row.noiseBand, unit)} count as sampling noise.
        {row.secondsToLimit !== null &&
          limitBytes !== null &&
          ` At this slope it reaches the ${exactValue(limitBytes, unit)} limit in ${durationText(row.secondsToLimit)}.`}
      </p>
      <p className="wrong-if" data-testid="leak-wrong-if">
        <strong>Wrong if:</strong> {wrongIfText(row.wrongIf)}
      </p>
    </div>
  );
}
