/**
 * better-sqlite3 is a native addon: the copy in node_modules is built for
 * Node's ABI (the CLI, `kiln serve`, the tests), and Electron needs one built
 * for its own. scripts/electron-sqlite.mjs builds that copy into
 * dist/native/electron/, which the app passes as better-sqlite3's nativeBinding.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronSqliteBindingPath(bundleDir: string): string {
  return join(bundleDir, '..', 'native', 'electron', 'better_sqlite3.node');
}

/** The Electron build of the addon when present; otherwise undefined (better-sqlite3 then explains the ABI mismatch). */
export function electronSqliteBinding(bundleDir: string = __dirname): string | undefined {
  const path = electronSqliteBindingPath(bundleDir);
  return existsSync(path) ? path : undefined;
}
