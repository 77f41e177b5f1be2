/**
 * Sorts paths (`paths` holds indices; path i is `frames[start[i] … start[i + 1])`) by their frames, a prefix
 * before its extensions: a three-way radix quicksort (Bentley and Sedgewick, "Fast algorithms for sorting and
 * searching strings", 1997), which compares each frame of a common prefix once per partition rather than once
 * per comparison, as a comparison sort does (deep stacks share long prefixes). Ranges to do are kept on an
 * explicit stack: a prefix 20,000 frames long is 20,000 levels. `common[k]` gets the length of the prefix that
 * sorted path k shares with path k - 1 (0 for the first): a partition at frame d puts paths that differ at d
 * side by side, so the lengths come with the sort.
 */
export function sortPaths(paths: Int32Array, start: Int32Array, frames: Int32Array, common: Int32Array): void {
  // Frame d of path i, or -1 past its end (shorter paths first).
  const frameAt = (i: number, d: number): number => {
    const p = (start[i] as number) + d;
    return p < (start[i + 1] as number) ? (frames[p] as number) : -1;
  };
  const todo: number[] = [0, paths.length, 0];
  while (todo.length > 0) {
    const d = todo.pop() as number;
    const hi = todo.pop() as number;
    const lo = todo.pop() as number;
    if (hi - lo < 2) continue;
    if (hi - lo <= SMALL_RANGE) {
      insertionSort(paths, lo, hi, d, frameAt);
      for (let k = lo + 1; k < hi; k++)
        common[k] = commonPrefix(paths[k - 1] as number, paths[k] as number, d, frameAt);
      continue;
    }
    const pivot = medianOfThree(
      frameAt(paths[lo] as number, d),
      frameAt(paths[(lo + hi) >>> 1] as number, d),
      frameAt(paths[hi - 1] as number, d),
    );
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const path = paths[i] as number;
      const at = (start[path] as number) + d;
      const key = at < (start[path + 1] as number) ? (frames[at] as number) : -1;
      if (key < pivot) {
        paths[i++] = paths[lt] as number;
        paths[lt++] = path;
      } else if (key > pivot) {
        paths[i] = paths[gt] as number;
        paths[gt--] = path;
      } else i++;
    }
    if (lt > lo) common[lt] = d;
    if (gt + 1 < hi) common[gt + 1] = d;
    todo.push(lo, lt, d, gt + 1, hi, d);
    // Paths that ended at d are equal.
    if (pivot >= 0) todo.push(lt, gt + 1, d + 1);
    else for (let k = lt + 1; k <= gt; k++) common[k] = d;
  }
}

const SMALL_RANGE = 12;

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/** Sorts paths[lo … hi), equal in their first d frames, from frame d on. */
function insertionSort(
  paths: Int32Array,
  lo: number,
  hi: number,
  d: number,
  frameAt: (i: number, d: number) => number,
): void {
  for (let k = lo + 1; k < hi; k++) {
    const path = paths[k] as number;
    let j = k;
    while (j > lo && comparePaths(paths[j - 1] as number, path, d, frameAt) > 0) {
      paths[j] = paths[j - 1] as number;
      j--;
    }
    paths[j] = path;
  }
}

/** The length of the prefix paths a and b share, known to be at least d. */
function commonPrefix(a: number, b: number, d: number, frameAt: (i: number, d: number) => number): number {
  let k = d;
  for (;;) {
    const x = frameAt(a, k);
    if (x < 0 || x !== frameAt(b, k)) return k;
    k++;
  }
}

function comparePaths(a: number, b: number, d: number, frameAt: (i: number, d: number) => number): number {
  for (let k = d; ; k++) {
    const x = frameAt(a, k);
    const y = frameAt(b, k);
    if (x !== y) return x - y;
    if (x < 0) return 0;
  }
}
