/**
 * The keyboard shortcuts: `?` opens and closes an overlay listing them all, `/` puts the cursor in the search
 * box, and Esc in a text field leaves it (the field keeps its text). None of them fire while typing, except
 * Esc, which is how one stops typing.
 */
import { useEffect, useRef, useState } from 'react';
import { hasCommandModifier, isTypingTarget } from './keyTargets';

interface Shortcut {
  keys: string[];
  action: string;
}

const SHORTCUT_GROUPS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], action: 'Show or hide this list' },
      { keys: ['/'], action: 'Search functions' },
      { keys: ['Esc'], action: 'Leave a text field; close this list; reset the flame graph zoom' },
    ],
  },
  {
    title: 'Flame graph (click it or Tab to it first)',
    shortcuts: [
      { keys: ['↑', '↓'], action: 'Parent or heaviest child, in the direction the graph grows' },
      { keys: ['←', '→'], action: 'Previous or next sibling' },
      { keys: ['Enter'], action: 'Zoom to the selected frame' },
      { keys: ['Esc'], action: 'Reset zoom' },
    ],
  },
  {
    title: 'Timeline (click it or Tab to it first)',
    shortcuts: [
      { keys: ['+', '−'], action: 'Zoom in or out about the centre (the wheel zooms about the pointer)' },
      { keys: ['←', '→'], action: 'Pan (also shift+drag, a drag on the time axis, or shift+wheel)' },
      { keys: ['0'], action: 'Fit all captures' },
      { keys: ['Drag'], action: 'Select a window of the lane’s service (its views show below)' },
      { keys: ['Ctrl+click', '⌘+click'], action: 'Add a capture to the picked ones, or remove it' },
      { keys: ['Esc'], action: 'Close the selected window' },
    ],
  },
  {
    title: 'Call tree table',
    shortcuts: [
      { keys: ['↑', '↓'], action: 'Previous or next row' },
      { keys: ['→'], action: 'Expand the row, or go to its first child' },
      { keys: ['←'], action: 'Collapse the row, or go to its parent' },
      { keys: ['Enter', 'Space'], action: 'Expand or collapse the row' },
      { keys: ['PgUp', 'PgDn', 'Home', 'End'], action: 'Move a page, or to the first or last row' },
    ],
  },
];

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Capture phase: an Esc that closes this list must not also reset the zoom or reach other handlers.
    const onKeyDownCapture = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && open) {
        event.stopPropagation();
        setOpen(false);
      }
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || hasCommandModifier(event)) return;
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) {
          // A search field would clear itself on Esc; here Esc only leaves it.
          event.preventDefault();
          event.target.blur();
        }
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        setOpen((wasOpen) => !wasOpen);
      } else if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      }
    };
    window.addEventListener('keydown', onKeyDownCapture, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDownCapture, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="shortcuts-button"
        data-testid="shortcuts-button"
        aria-expanded={open}
        aria-controls="shortcuts-help"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        Shortcuts <kbd>?</kbd>
      </button>
      {open && (
        <div className="shortcuts-backdrop" onClick={() => setOpen(false)}>
          <section
            id="shortcuts-help"
            className="shortcuts-help"
            data-testid="shortcuts-help"
            role="dialog"
            aria-modal="true"
            aria-labelledby="shortcuts-title"
            onClick={(event) => event.stopPropagation()}
          >
            <header className="shortcuts-heading">
              <h3 id="shortcuts-title">Keyboard shortcuts</h3>
              <button ref={closeRef} type="button" aria-label="Close shortcuts" onClick={() => setOpen(false)}>
                ×
              </button>
            </header>
            {SHORTCUT_GROUPS.map((group) => (
              <div key={group.title} className="shortcuts-group">
                <h4>{group.title}</h4>
                <dl>
                  {group.shortcuts.map((shortcut) => (
                    <div key={shortcut.action} className="shortcut" data-testid="shortcut">
                      <dt>
                        {shortcut.keys.map((key) => (
                          <kbd key={key}>{key}</kbd>
                        ))}
                      </dt>
                      <dd>{shortcut.action}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </section>
        </div>
      )}
    </>
  );
}
