/**
 * The shareable part of the view in the page URL:
 * `?sel=<formatSelection text>&type=<n>&filters=<formatFilters text>&view=<mode>&fn=<function>&orient=flame&per=s`.
 * The selection and filter texts are written as they are (both already escape what a query cannot hold) and
 * read back raw, since URLSearchParams would decode their escapes before the parsers see them. Other parameters are kept,
 * except `token`, which never goes back into the address bar.
 */
import { formatSelection, parseSelection, type Selection } from '../../shared/capture/selection';
import { formatFilters, parseFilters, type StackFilter } from '../../shared/query/filters';
import type { FlameOrientation } from '../profile/flame/view';
import { DIFF_MODES, type DiffMode, type DiffTreeLayout } from '../../shared/ipc/contract';

export const VIEW_MODES = ['top-down', 'inverted', 'sandwich', 'table', 'stack-chart'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

/** Filters the user adds as chips; `invert` is the view mode, not a chip. */
export type UserFilter = Exclude<StackFilter, { kind: 'invert' }>;

export interface UrlViewState {
  filters: UserFilter[];
  viewMode: ViewMode;
  /** The function of the sandwich view, or null. */
  sandwichFunction: string | null;
  /** Flame graph orientation (`orient=flame`); absent means an icicle, the default, as in URLs from before it. */
  orientation?: FlameOrientation;
  /** What the view reads (`sel=`); absent when the URL names none. */
  selection?: Selection;
  /** Sample type position (`type=`); absent means the selection's first item's default. */
  sampleType?: number;
  /** The window header's "per second" (`per=s`); absent means plain sums. Views apply it only to a window of counters. */
  perSecond?: true;
  /** The comparison's baseline A (`base=`, a selection's text); the selection is then its target B. */
  base?: Selection;
  /** The comparison's mode (`dmode=`); absent means the service's choice. */
  diffMode?: DiffMode;
  /** The diff flame graph as wide as the mean of A and B (`dtree=union`); absent means B's tree. */
  diffLayout?: DiffTreeLayout;
}

export const DEFAULT_URL_VIEW_STATE: UrlViewState = { filters: [], viewMode: 'top-down', sandwichFunction: null };

const OWN_PARAMS = ['sel', 'type', 'filters', 'view', 'fn', 'orient', 'per', 'base', 'dmode', 'dtree', 'token'];

export function isViewMode(value: string | null): value is ViewMode {
  return value !== null && (VIEW_MODES as readonly string[]).includes(value);
}

/** Reads the view from a query string (`?a=b&…` or without `?`); anything unreadable falls back to the default. */
export function decodeViewQuery(search: string): UrlViewState {
  const raw = rawParams(search);
  let filters: UserFilter[] = [];
  const filterText = raw.get('filters');
  if (filterText !== undefined) {
    try {
      filters = parseFilters(filterText).filter((f): f is UserFilter => f.kind !== 'invert');
    } catch {
      filters = [];
    }
  }
  const view = decodeParam(raw.get('view'));
  const fn = decodeParam(raw.get('fn'));
  const selection = selectionParam(raw.get('sel'));
  const base = selectionParam(raw.get('base'));
  const diffMode = decodeParam(raw.get('dmode'));
  const type = decodeParam(raw.get('type'));
  return {
    ...(selection === null ? {} : { selection }),
    ...(selection !== null && type !== null && /^\d{1,4}$/.test(type) ? { sampleType: Number(type) } : {}),
    filters,
    viewMode: isViewMode(view) ? view : 'top-down',
    sandwichFunction: fn === null || fn === '' ? null : fn,
    ...(decodeParam(raw.get('orient')) === 'flame' ? { orientation: 'flame' as const } : {}),
    ...(decodeParam(raw.get('per')) === 's' ? { perSecond: true as const } : {}),
    ...(base === null ? {} : { base }),
    ...(DIFF_MODES.includes(diffMode as DiffMode) ? { diffMode: diffMode as DiffMode } : {}),
    ...(decodeParam(raw.get('dtree')) === 'union' ? { diffLayout: 'union' as const } : {}),
  };
}

/** `href` with the view's parameters replaced (defaults left out) and any `token` removed. */
export function encodeViewUrl(href: string, state: UrlViewState): string {
  const url = new URL(href);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !OWN_PARAMS.includes(decodeParam(part.split('=')[0]) ?? ''));
  const own: string[] = [];
  if (state.selection !== undefined) own.push(`sel=${formatSelection(state.selection)}`);
  if (state.selection !== undefined && state.sampleType !== undefined) own.push(`type=${state.sampleType}`);
  if (state.filters.length > 0) own.push(`filters=${formatFilters(state.filters)}`);
  if (state.viewMode !== 'top-down') own.push(`view=${state.viewMode}`);
  if (state.sandwichFunction !== null) own.push(`fn=${encodeURIComponent(state.sandwichFunction)}`);
  if (state.orientation === 'flame') own.push('orient=flame');
  if (state.perSecond === true) own.push('per=s');
  if (state.base !== undefined) own.push(`base=${formatSelection(state.base)}`);
  if (state.diffMode !== undefined) own.push(`dmode=${state.diffMode}`);
  if (state.diffLayout === 'union') own.push('dtree=union');
  const query = [...kept, ...own].join('&');
  url.search = query === '' ? '' : `?${query}`;
  return url.toString();
}

/** Filter kinds the add form takes a function pattern for. */
export type PatternFilterKind = 'focus' | 'hide' | 'drop' | 'collapseRecursion';

/** Short text of a filter kind for a chip or the add form. */
export function filterKindLabel(kind: UserFilter['kind']): string {
  switch (kind) {
    case 'focus':
      return 'Focus';
    case 'hide':
      return 'Hide';
    case 'drop':
      return 'Drop';
    case 'collapseRecursion':
      return 'Collapse recursion';
    case 'label':
      return 'Label';
    case 'lines':
      return 'Merge by';
  }
}

/** What a chip shows after its kind: the pattern, the label, or what an argument-less filter does. */
export function filterPatternLabel(filter: UserFilter): string {
  switch (filter.kind) {
    case 'label':
      return `${filter.key} = ${filter.value}`;
    case 'lines':
      return 'function + line';
    case 'collapseRecursion':
      return filter.pattern ?? 'all direct recursion';
    default:
      return filter.pattern;
  }
}

/** The whole chip as one line, for its tooltip and the remove button's label. */
export function filterChipLabel(filter: UserFilter): string {
  return `${filterKindLabel(filter.kind)}: ${filterPatternLabel(filter)}`;
}

/** The filter the add form describes, or null when it needs a pattern it does not have. */
export function filterFromForm(kind: PatternFilterKind, pattern: string): UserFilter | null {
  const trimmed = pattern.trim();
  if (kind === 'collapseRecursion') return trimmed === '' ? { kind } : { kind, pattern: trimmed };
  return trimmed === '' ? null : { kind, pattern: trimmed };
}

/** The label filter the add form describes, or null without a key or value. Label values are exact: no trimming. */
export function labelFilterFromForm(key: string, value: string): UserFilter | null {
  return key === '' || value === '' ? null : { kind: 'label', key, value };
}

function rawParams(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeParam(eq < 0 ? part : part.slice(0, eq));
    if (name !== null && !params.has(name)) params.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  return params;
}

/**
 * The `sel=` text as a selection; null when absent or unreadable (the page then starts with nothing selected).
 * Read as written, or once decoded: a URL rewritten through URLSearchParams (which escapes `,` `@` `;` `=`)
 * holds the text percent-encoded once more.
 */
function selectionParam(text: string | undefined): Selection | null {
  if (text === undefined) return null;
  for (const candidate of [text, decodeParam(text)]) {
    if (candidate === null) continue;
    try {
      return parseSelection(candidate);
    } catch {
      // try the next reading
    }
  }
  return null;
}

function decodeParam(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
