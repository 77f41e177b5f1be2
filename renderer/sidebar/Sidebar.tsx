/**
 * The left sidebar: services and their captures, filterable by text. Click picks one capture, ctrl/⌘-click adds or
 * removes one, shift-click takes the range from the last click; the picked captures become the selection every
 * view reads. A service's name selects all its captures as a window. The picked captures, or a whole service, can
 * be given another service or labels (TagsEditor). Collapsible; ↑/↓ move between captures.
 */
import {
  memo,
  useCallback,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { serviceSelection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatLocalDateTime } from '../app/formatDate';
import { kindLabel } from '../app/itemKinds';
import { selectedIds, useViewStore } from '../app/viewStore';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { clickPick, groupSidebar, shownOrder, type SidebarGroup } from './sidebarModel';
import { TagsEditor, type TagsTarget } from './TagsEditor';

/** Rows drawn per service: past this the filter narrows (a list of thousands is read on the timeline). */
const MAX_ROWS_PER_SERVICE = 400;

export function Sidebar({ collapsed, onToggle }: { collapsed: boolean; onToggle(): void }) {
  // Deferred: when the catalogue arrives (10,000 captures) the timeline paints first, in a commit of its own, and
  // its series are asked for; the sidebar's rows follow in a background render.
  const profiles = useDeferredValue(useCatalogueStore((s) => s.profiles));
  const selection = useViewStore((s) => s.selection);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<TagsTarget | null>(null);
  const anchor = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupSidebar(profiles, filter), [profiles, filter]);
  const order = useMemo(() => shownOrder(groups), [groups]);
  const picked = selectedIds(selection);
  const pickedSet = new Set(picked);
  const selectedService = selection !== null && 'service' in selection ? selection.service : null;

  const pick = (item: ItemSummary, mods: { toggle: boolean; range: boolean }): void => {
    const next = clickPick({ ids: [...picked], anchor: anchor.current }, item.id, mods, order);
    anchor.current = next.anchor;
    if (next.ids.length === 0) return;
    const first = profiles.find((p) => p.id === next.ids[0]);
    useViewStore.getState().setSelection({ items: next.ids }, first?.defaultSampleType ?? 0);
  };

  const onItemKey = (event: KeyboardEvent<HTMLLIElement>, item: ItemSummary): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(item, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="sidebar-item"]') ?? [])];
      const at = rows.indexOf(event.currentTarget);
      rows[at + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  // Rows are memoised (SidebarRow): their handlers must not change with each selection or filter keystroke, so
  // they call the latest pick through a ref and only the rows whose item or picked state changed re-render.
  const latest = useRef({ pick, onItemKey });
  useLayoutEffect(() => {
    latest.current = { pick, onItemKey };
  });
  const onRowPick = useCallback(
    (item: ItemSummary, event: MouseEvent) =>
      latest.current.pick(item, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey }),
    [],
  );
  const onRowKey = useCallback(
    (event: KeyboardEvent<HTMLLIElement>, item: ItemSummary) => latest.current.onItemKey(event, item),
    [],
  );

  if (collapsed) {
    return (
      <aside className="sidebar collapsed" aria-label="Services and captures" data-testid="sidebar">
        <button
          type="button"
          className="sidebar-toggle"
          data-testid="sidebar-toggle"
          aria-expanded="false"
          title="Show services and captures"
          onClick={onToggle}
        >
          »
        </button>
      </aside>
    );
  }

  return (
    <aside className="sidebar" aria-label="Services and captures" data-testid="sidebar">
      <div className="sidebar-head">
        <input
          type="search"
          className="sidebar-filter"
          data-testid="sidebar-filter"
          placeholder="Filter captures"
          aria-label="Filter captures by name, service, kind or label"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button
          type="button"
          className="sidebar-toggle"
          data-testid="sidebar-toggle"
          aria-expanded="true"
          title="Hide services and captures"
          onClick={onToggle}
        >
          «
        </button>
      </div>
      {picked.length > 0 && (
        <div className="sidebar-picked" data-testid="sidebar-picked">
          <span>
            {picked.length} {picked.length === 1 ? 'capture' : 'captures'} selected
          </span>
          <button
            type="button"
            data-testid="sidebar-edit-tags"
            onClick={() => setEditing({ kind: 'captures', ids: [...picked] })}
          >
            Edit tags…
          </button>
        </div>
      )}
      <div className="sidebar-list" ref={listRef}>
        {profiles.length === 0 && <p className="empty-hint sidebar-empty">Nothing imported yet.</p>}
        {profiles.length > 0 && groups.length === 0 && (
          <p className="empty-hint sidebar-empty">No capture matches “{filter}”.</p>
        )}
        {groups.map((group) => (
          <ServiceGroup
            key={group.service ?? '\u0000none'}
            group={group}
            pickedSet={pickedSet}
            selected={group.service !== null && group.service === selectedService}
            onPick={onRowPick}
            onItemKey={onRowKey}
            onRename={() =>
              group.service !== null &&
              setEditing({ kind: 'service', service: group.service, ids: group.all.map((i) => i.id) })
            }
          />
        ))}
      </div>
      {editing !== null && <TagsEditor target={editing} onClose={() => setEditing(null)} />}
    </aside>
  );
}

function ServiceGroup(props: {
  group: SidebarGroup<ItemSummary>;
  pickedSet: ReadonlySet<number>;
  selected: boolean;
  onPick(item: ItemSummary, event: MouseEvent): void;
  onItemKey(event: KeyboardEvent<HTMLLIElement>, item: ItemSummary): void;
  onRename(): void;
}) {
  const { group } = props;
  const shown = group.shown.slice(0, MAX_ROWS_PER_SERVICE);
  return (
    <section className="sidebar-group" data-testid="sidebar-group" data-service={group.service ?? ''}>
      <div className={props.selected ? 'sidebar-service selected' : 'sidebar-service'}>
        {group.service === null ? (
          <span className="sidebar-service-name none">No service named</span>
        ) : (
          <button
            type="button"
            className="sidebar-service-name"
            data-testid="sidebar-service"
            title={`Every capture of ${group.service}`}
            onClick={() => {
              const first = group.all[0];
              useViewStore
                .getState()
                .setSelection(serviceSelection(group.service ?? ''), first?.defaultSampleType ?? 0);
            }}
          >
            {group.service}
          </button>
        )}
        <span className="sidebar-count">{group.all.length}</span>
        {group.service !== null && (
          <button
            type="button"
            className="sidebar-rename"
            data-testid="sidebar-rename-service"
            title={`Rename ${group.service} or label all its captures`}
            aria-label={`Rename service ${group.service}`}
            onClick={props.onRename}
          >
            ✎
          </button>
        )}
      </div>
      <ul
        className="sidebar-items"
        role="listbox"
        aria-multiselectable="true"
        aria-label={group.service ?? 'No service'}
      >
        {shown.map((item) => (
          <SidebarRow
            key={item.id}
            item={item}
            picked={props.pickedSet.has(item.id)}
            onPick={props.onPick}
            onItemKey={props.onItemKey}
          />
        ))}
      </ul>
      {group.shown.length > shown.length && (
        <p className="sidebar-more">{group.shown.length - shown.length} more: type in the filter to narrow.</p>
      )}
    </section>
  );
}

/** One capture's row; memoised, so a selection change or a filter keystroke re-renders only the rows it changes. */
const SidebarRow = memo(function SidebarRow(props: {
  item: ItemSummary;
  picked: boolean;
  onPick(item: ItemSummary, event: MouseEvent): void;
  onItemKey(event: KeyboardEvent<HTMLLIElement>, item: ItemSummary): void;
}) {
  const { item, picked } = props;
  return (
    <li
      role="option"
      tabIndex={0}
      aria-selected={picked}
      className={picked ? 'sidebar-item selected' : 'sidebar-item'}
      data-testid="sidebar-item"
      data-profile-id={item.id}
      data-kind={item.kind}
      title={item.name}
      onMouseDown={(event) => {
        // Shift-click would otherwise select the page's text between the two rows.
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => props.onPick(item, event)}
      onKeyDown={(event) => props.onItemKey(event, item)}
    >
      <span className={`sidebar-kind kind-${item.kind}`} aria-hidden="true" />
      <span className="sidebar-item-name">{item.name}</span>
      <span className="sidebar-item-meta">
        {kindLabel(item.kind)}
        {item.capturedAtMs !== null && ` · ${formatLocalDateTime(item.capturedAtMs)}`}
      </span>
    </li>
  );
});
