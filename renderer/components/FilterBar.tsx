/** The stack filters as removable chips, a form to add one, and the view mode (top-down, inverted, sandwich). */
import { useState } from 'react';
import { useViewStore } from '../state/viewStore';
import {
  filterChipLabel,
  filterFromForm,
  filterKindLabel,
  filterPatternLabel,
  isViewMode,
  type UserFilter,
} from '../state/viewUrl';

const FILTER_KINDS: UserFilter['kind'][] = ['focus', 'hide', 'drop', 'collapseRecursion'];

const VIEW_MODE_LABELS = { 'top-down': 'Top-down', inverted: 'Inverted', sandwich: 'Sandwich' } as const;

export function FilterBar() {
  const filters = useViewStore((s) => s.filters);
  const viewMode = useViewStore((s) => s.viewMode);
  const addFilter = useViewStore((s) => s.addFilter);
  const removeFilter = useViewStore((s) => s.removeFilter);
  const setViewMode = useViewStore((s) => s.setViewMode);
  const [kind, setKind] = useState<UserFilter['kind']>('focus');
  const [pattern, setPattern] = useState('');
  const pending = filterFromForm(kind, pattern);

  return (
    <div className="filter-bar">
      <div className="toolbar">
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
          </select>
        </label>
        <form
          className="filter-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending) return;
            addFilter(pending);
            setPattern('');
          }}
        >
          <select
            data-testid="filter-kind"
            aria-label="Filter kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as UserFilter['kind'])}
          >
            {FILTER_KINDS.map((k) => (
              <option key={k} value={k}>
                {filterKindLabel(k)}
              </option>
            ))}
          </select>
          <input
            type="text"
            data-testid="filter-pattern"
            aria-label="Filter pattern"
            placeholder={kind === 'collapseRecursion' ? 'Function (empty: all direct recursion)' : 'Function (regex)'}
            value={pattern}
            onChange={(event) => setPattern(event.target.value)}
          />
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
