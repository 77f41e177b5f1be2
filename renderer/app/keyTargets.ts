/** Where a key press happened, so page shortcuts never fire while the user is typing. */

/** Whether the event target takes text or choices from the keyboard: an input, textarea, select or editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) {
    // Buttons and boxes take no text: shortcuts still apply when one has focus.
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** A key pressed with Ctrl, Alt or Meta belongs to the browser or the system, not to the page. */
export function hasCommandModifier(
  event: KeyboardEvent | { ctrlKey: boolean; altKey: boolean; metaKey: boolean },
): boolean {
  return event.ctrlKey || event.altKey || event.metaKey;
}
