/**
 * From/To of the visible range as local times (as the axis labels them), following zoom and pan, and presets
 * ending at the latest capture, and the page's one statement of its zone (formatDate.ts). A typed time applies on Enter or when the field is left; a bad one is marked and
 * the range stays.
 */
import { useState, type KeyboardEvent } from 'react';
import type { TimeRange } from './timeRange';
import { formatLocalDateTime, zoneLabel } from '../app/formatDate';
import { presetRange, RANGE_PRESETS, rangeFromTexts } from './timeText';

interface Props {
  range: TimeRange;
  /** End of the latest capture: the presets end there. */
  latestMs: number;
  onRange(range: TimeRange): void;
}

export function TimeRangePicker({ range, latestMs, onRange }: Props) {
  // While a field is being edited its text is a draft; otherwise it shows the range as it moves.
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const from = draft?.from ?? formatLocalDateTime(range.fromMs);
  const to = draft?.to ?? formatLocalDateTime(range.toMs);

  const apply = (): void => {
    if (draft === null) return;
    const next = rangeFromTexts(draft.from, draft.to);
    if ('error' in next) {
      setError(next.error);
      return;
    }
    setError(null);
    setDraft(null);
    onRange(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  return (
    <span className="range-picker" data-testid="range-picker">
      <input
        aria-label="From (local time)"
        data-testid="range-from"
        value={from}
        spellCheck={false}
        aria-invalid={error !== null}
        title={error ?? 'From, local time: YYYY-MM-DD HH:MM:SS'}
        onChange={(event) => setDraft({ from: event.target.value, to })}
        onKeyDown={onKeyDown}
        onBlur={apply}
      />
      –
      <input
        aria-label="To (local time)"
        data-testid="range-to"
        value={to}
        spellCheck={false}
        aria-invalid={error !== null}
        title={error ?? 'To, local time: YYYY-MM-DD HH:MM:SS'}
        onChange={(event) => setDraft({ from, to: event.target.value })}
        onKeyDown={onKeyDown}
        onBlur={apply}
      />
      <select
        aria-label="Range preset"
        data-testid="range-preset"
        value=""
        onChange={(event) => {
          const preset = RANGE_PRESETS.find((p) => p.key === event.target.value);
          if (preset) {
            setDraft(null);
            setError(null);
            onRange(presetRange(preset, latestMs));
          }
        }}
      >
        <option value="" disabled>
          Last…
        </option>
        {RANGE_PRESETS.map((preset) => (
          <option key={preset.key} value={preset.key}>
            {preset.label}
          </option>
        ))}
      </select>
      <span
        className="range-zone"
        data-testid="time-zone"
        title="Every time on this page (axis, picker, markers, tooltips, window header) is local time in this zone; the CLI prints UTC"
      >
        local time, {zoneLabel(range.toMs)}
      </span>
    </span>
  );
}
