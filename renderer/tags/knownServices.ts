/** The services the catalogue names, sorted: what the tags dialogs suggest. */
export function knownServices(items: readonly { service: string | null }[]): string[] {
  const names = new Set<string>();
  for (const item of items) if (item.service !== null) names.add(item.service);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * What the import dialog's service field suggests: the service the last batch was given first (a likely next one),
 * then the catalogue's services. Only suggested: the field starts blank, so a new batch is never silently tagged.
 */
export function importSuggestions(last: string, known: readonly string[]): string[] {
  return last === '' ? [...known] : [last, ...known.filter((name) => name !== last)];
}
