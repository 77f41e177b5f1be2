/** What a set of captures shares: the service when they all have the same one, and the labels all of them carry. */
export function commonTags(
  items: readonly { id: number; service: string | null; labels: Readonly<Record<string, string>> }[],
  ids: readonly number[],
): { service: string | null; labels: Record<string, string> } {
  const wanted = new Set(ids);
  const chosen = items.filter((item) => wanted.has(item.id));
  const first = chosen[0];
  if (first === undefined) return { service: null, labels: {} };
  const service = chosen.every((item) => item.service === first.service) ? first.service : null;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(first.labels)) {
    if (chosen.every((item) => Object.hasOwn(item.labels, key) && item.labels[key] === value)) labels[key] = value;
  }
  return { service, labels };
}
