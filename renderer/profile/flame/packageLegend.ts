/**
 * Packages of a flame tree for colouring and the legend: each function's package
 * (shared/query/package-of.ts), and the packages holding the largest share of
 * the samples. Shares are sums of the exact per-function self values the
 * services send with the tree (FlameShares), never of drawn nodes: the drawn
 * tree folds small frames into "(smaller frames)" slivers, which on deep
 * recursion hold most of the self time. Self values add up to the view's total
 * exactly, so a sample is never counted twice under recursion.
 */
import type { FlameTree } from '../../../shared/ipc/contract';
import { packageOf } from '../../../shared/query/package-of';

/** The package of each function of the tree, indexed like functionNames. */
export function functionPackages(tree: FlameTree): string[] {
  return tree.functionNames.map((name, f) => packageOf(name, tree.functionFiles[f] ?? ''));
}

export interface PackageShare {
  /** '' for frames of no known package. */
  pkg: string;
  /** Sum of the self values of the package's frames. */
  self: number;
}

/**
 * The `limit` packages with the largest self sum, largest first (ties by name); packages with none are left out.
 * `functionSelf` is indexed like `packages` (FlameShares.functionSelf).
 */
export function topPackages(
  functionSelf: readonly number[],
  packages: readonly string[],
  limit: number,
): PackageShare[] {
  const sums = new Map<string, number>();
  functionSelf.forEach((value, f) => {
    if (value === 0) return;
    const pkg = packages[f] ?? '';
    sums.set(pkg, (sums.get(pkg) ?? 0) + value);
  });
  return Array.from(sums, ([pkg, sum]) => ({ pkg, self: sum }))
    .sort((a, b) => b.self - a.self || (a.pkg < b.pkg ? -1 : a.pkg > b.pkg ? 1 : 0))
    .slice(0, limit);
}

const packagesByTree = new WeakMap<FlameTree, string[]>();

/** functionPackages, computed once per tree however many views colour it. */
export function cachedFunctionPackages(tree: FlameTree): string[] {
  let packages = packagesByTree.get(tree);
  if (!packages) {
    packages = functionPackages(tree);
    packagesByTree.set(tree, packages);
  }
  return packages;
}
