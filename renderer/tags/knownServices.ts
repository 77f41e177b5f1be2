/** The services the catalogue names, sorted: what the tags dialogs suggest. */
export function knownServices(items: readonly { service: string | null }[]): string[] {
  const names = new Set<string>();
  for (const item of items) if (item.service !== null) names.add(item.service);
  return [...names].sort((a, b) => a.localeCompare(b));
}
