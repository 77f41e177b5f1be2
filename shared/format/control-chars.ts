/**
 * Profile data shown as text: function, file and item names come from the
 * file, and a file can put anything in them. Printed raw, an ESC or a C1 CSI
 * (U+009B) lets a profile clear the terminal, set its title or hide text; a
 * newline or tab breaks a table's rows and columns. `escapeControls` writes
 * every such character as a visible escape ("\x1b", "\n", "\t"), so what is
 * printed is one line of plain text that still shows what the file holds.
 */

/** C0 controls (tab and newline too), DEL and the C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  return NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** The text with each control character replaced by a visible escape; other text is unchanged. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * JSON text whose strings keep their exact values but carry DEL and C1
 * controls as \u escapes: JSON.stringify escapes only U+0000–U+001F, and a
 * raw U+009B is a CSI to terminals that honour C1 controls.
 */
export function jsonWithoutControls(value: unknown): string {
  // In JSON text these characters can only be inside strings, where \uXXXX means the same character.
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
