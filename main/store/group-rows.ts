/**
 * Groups row indices by a dense integer key with a stable counting sort: the
 * rows of key k are order[start[k] .. start[k + 1]), in their original order.
 * O(rows + keys), no per-group allocation.
 */
export interface RowGroups {
  start: Int32Array;
  order: Int32Array;
}

/** `keys[i]` is row i's key, each in [0, keyCount); the caller has checked the range. */
export function groupRows(keys: ArrayLike<number>, keyCount: number): RowGroups {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) {
    const slot = (keys[i] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const next = start.slice(0, keyCount);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const at = next[key] as number;
    order[at] = i;
    next[key] = at + 1;
  }
  return { start, order };
}
