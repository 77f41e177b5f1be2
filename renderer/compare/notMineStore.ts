/**
 * The packages the user marks as not their own code (a dependency, a framework), left out of a comparison's suspects
 * (shared/query/own-code.ts). Kept in localStorage: what is "mine" is a property of the user's code base, not of one
 * comparison.
 */
import { create } from 'zustand';

const KEY = 'kiln.notMine';

function stored(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p !== '') : [];
  } catch {
    return [];
  }
}

interface NotMine {
  packages: string[];
  add(pkg: string): void;
  remove(pkg: string): void;
}

export const useNotMineStore = create<NotMine>((set, get) => {
  const save = (packages: string[]): void => {
    set({ packages });
    try {
      localStorage.setItem(KEY, JSON.stringify(packages));
    } catch {
      // Not remembered without storage.
    }
  };
  return {
    packages: stored(),
    add: (pkg) => {
      if (pkg !== '' && !get().packages.includes(pkg)) save([...get().packages, pkg]);
    },
    remove: (pkg) => save(get().packages.filter((p) => p !== pkg)),
  };
});
