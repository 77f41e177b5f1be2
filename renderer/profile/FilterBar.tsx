/**
 * The stack filters as removable chips, a form to add one (a function pattern, or a sample label key and value
 * of the selected profile), merging by line, and the view mode (top-down, inverted, sandwich).
 */
import { formatSelection } from '../../shared/capture/selection';
import { useEffect, useState } from 'react';
import type { LabelKey } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { useLabelKeysStore } from './labelKeysStore';
import { useViewStore } from '../app/viewStore';
import {
  filterChipLabel,
  filterFromForm,
  filterKindLabel,
  filterPatternLabel,
  isViewMode,
  labelFilterFromForm,
  type PatternFilterKind,
} from '../app/viewUrl';

type FormKind = PatternFilterKind | 'label';

const FORM_KINDS: FormKind[] = ['focus', 'hide', 'drop', 'collapseRecursion', 'label'];

const VIEW_MODE_LABELS = {
  'top-down': 'Top-down',
  inverted: 'Inverted',
  sandwich: 'Sandwich',
  table: 'Call tree table',
} as const;

const NO_LABEL_KEYS: LabelKey[] = [];

/**
 * `offerStackChart`: the profile's samples have times, so the stack chart view is offered. `showViewMode`: false
 * where the view is not the user's to pick (the comparison has its own).
 */
export function FilterBar({
  offerStackChart = false,
  showViewMode = true,
}: {
  offerStackChart?: boolean;
  showViewMode?: boolean;
}) {
  const backend = useBackend();
  const selection = useViewStore((s) => s.selection);
  const filters = useViewStore((s) => s.filters);
  const viewMode = useViewStore((s) => s.viewMode);
  const addFilter = useViewStore((s) => s.addFilter);
  const removeFilter = useViewStore((s) => s.removeFilter);
  const setViewMode = useViewStore((s) => s.setViewMode);
  const labelKeysOf = useLabelKeysStore((s) => s.subject);
  const loadedKeys = useLabelKeysStore((s) => s.keys);
  const loadLabelKeys = useLabelKeysStore((s) => s.load);
  const [kind, setKind] = useState<FormKind>('focus');
  const [pattern, setPattern] = useState('');
  const [chosenKey, setChosenKey] = useState('');
  const [labelValue, setLabelValue] = useState('');

  useEffect(() => {
    if (selection !== null) void loadLabelKeys(backend, selection);
  }, [backend, loadLabelKeys, selection]);

  const labelKeys =
    selection !== null && labelKeysOf === formatSelection(selection) && loadedKeys ? loadedKeys : NO_LABEL_KEYS;
  // The chosen key while the profile has it, else its first key.
  const labelKey = labelKeys.find((k) => k.key === chosenKey) ?? labelKeys[0];
  const pending =
    kind === 'label' ? labelFilterFromForm(labelKey?.key ?? '', labelValue) : filterFromForm(kind, pattern);
  const linesIndices = filters.flatMap((filter, index) => (filter.kind === 'lines' ? [index] : []));

  return (
    <div className="filter-bar">
      <div className="toolbar">
        {showViewMode && (
          <label className="view-mode-picker">
            View{' '}
            <select
              data-testid="view-mode"
              value={viewMode}
              onChange={(event) => {
                if (isViewMode(event.target.value)) setViewMode(event.target.value);
              }}
            >
              {Object.entries(VIEW_MODE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
              {(offerStackChart || viewMode === 'stack-chart') && <option value="stack-chart">Stack chart</option>}
            </select>
          </label>
        )}
        <label className="view-mode-picker" title="One node per function and source line, as pprof -lines">
          <input
            type="checkbox"
            data-testid="merge-lines"
            checked={linesIndices.length > 0}
            onChange={(event) => {
              if (event.target.checked) addFilter({ kind: 'lines' });
              // From the last, so the indices still point at the same filters.
              else for (const index of linesIndices.reverse()) removeFilter(index);
            }}
          />{' '}
          By line
        </label>
        <form
          className="filter-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending) return;
            addFilter(pending);
            if (kind === 'label') setLabelValue('');
            else setPattern('');
          }}
        >
          <select
            data-testid="filter-kind"
            aria-label="Filter kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as FormKind)}
          >
            {FORM_KINDS.map((k) => (
              <option key={k} value={k}>
                {filterKindLabel(k)}
              </option>
            ))}
          </select>
          {kind === 'label' ? (
            <>
              <select
                data-testid="label-key"
                aria-label="Label key"
                value={labelKey?.key ?? ''}
                disabled={labelKeys.length === 0}
                onChange={(event) => setChosenKey(event.target.value)}
              >
                {labelKeys.length === 0 && <option value="">No labels in this profile</option>}
                {labelKeys.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.key}
                  </option>
                ))}
              </select>
              <input
                type="text"
                data-testid="label-value"
                aria-label="Label value"
                placeholder="Value"
                list="label-values"
                value={labelValue}
                onChange={(event) => setLabelValue(event.target.value)}
              />
              <datalist id="label-values">
                {labelKey?.values.map((v) => (
                  <option key={v.value} value={v.value} label={`${v.count} stack${v.count === 1 ? '' : 's'}`} />
                ))}
              </datalist>
            </>
          ) : (
            <input
              type="text"
              data-testid="filter-pattern"
              aria-label="Filter pattern"
              placeholder={kind === 'collapseRecursion' ? 'Function (empty: all direct recursion)' : 'Function (regex)'}
              value={pattern}
              onChange={(event) => setPattern(event.target.value)}
            />
          )}
          <button type="submit" data-testid="add-filter" disabled={!pending}>
            Add filter
          </button>
        </form>
      </div>
      {filters.length > 0 && (
        <ul className="filter-chips" data-testid="filter-chips" aria-label="Active filters">
          {filters.map((filter, index) => (
            <li
              // Filters may repeat; their position is what identifies them.
              key={index}
              className="filter-chip"
              data-testid="filter-chip"
              data-kind={filter.kind}
              title={filterChipLabel(filter)}
            >
              <span className="filter-chip-kind">{filterKindLabel(filter.kind)}</span>{' '}
              <span className="filter-chip-pattern">{filterPatternLabel(filter)}</span>
              <button
                type="button"
                className="filter-chip-remove"
                data-testid="remove-filter"
                aria-label={`Remove filter ${filterChipLabel(filter)}`}
                onClick={() => removeFilter(index)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
